import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { FeedStore } from "../../feeds/feed-store.ts";
import type { Logger } from "../../log/logger.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";
import { createListFeedStore, type FeedRecord } from "../memory/feed-store.ts";
import { readStateFile } from "./read-state-file.ts";

export const FEEDS_FILE = "feeds.json";

/**
 * The default store: `feeds.json` in DATA_DIR (`{ "feeds": [...] }`), rewritten atomically on
 * each change, claims included, so a restart resumes each feed where it was. A damaged file is
 * reported and read as no feeds (FEEDS brings its own back at start); a failed write throws.
 */
export function openFeedFile(options: { dataDir: string; logger: Logger }): FeedStore {
  const path = join(options.dataDir, FEEDS_FILE);
  return createListFeedStore({
    read() {
      const text = readStateFile(path, "the followed feeds", options.logger);
      if (text === undefined) return [];
      try {
        const { feeds } = JSON.parse(text) as { feeds?: unknown };
        if (Array.isArray(feeds)) return feeds as FeedRecord[];
      } catch {}
      options.logger.warn(`${path}: not a list of feeds; read as none`);
      return [];
    },
    write(feeds) {
      mkdirSync(options.dataDir, { recursive: true });
      writeFileAtomic(path, `${JSON.stringify({ feeds }, null, 2)}\n`);
    },
  });
}
