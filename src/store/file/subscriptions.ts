import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { SubscriptionStore } from "../../digest/subscriptions.ts";
import type { Logger } from "../../log/logger.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";
import { readStateFile } from "./read-state-file.ts";

export const SUBSCRIPTIONS_FILE = "digest-subscriptions.json";

/**
 * The default store: `digest-subscriptions.json` in DATA_DIR (`{ "channels": [...] }`),
 * rewritten atomically on each change. A damaged file is reported and read as empty (the base
 * list still gets its digest); a failed write throws, so the person subscribing is told.
 */
export function openSubscriptionFile(options: {
  dataDir: string;
  logger: Logger;
}): SubscriptionStore {
  const path = join(options.dataDir, SUBSCRIPTIONS_FILE);
  const read = (): string[] => {
    const text = readStateFile(path, "digest subscriptions", options.logger);
    if (text === undefined) return [];
    try {
      const { channels } = JSON.parse(text) as { channels?: unknown };
      if (Array.isArray(channels) && channels.every((c) => typeof c === "string")) return channels;
    } catch {}
    options.logger.warn(`${path}: not a list of digest subscriptions; read as none`);
    return [];
  };
  const write = (channels: readonly string[]) => {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileAtomic(path, `${JSON.stringify({ channels }, null, 2)}\n`);
  };
  return {
    list: async () => read(),
    async add(channel) {
      const channels = read();
      if (channels.includes(channel)) return false;
      write([...channels, channel]);
      return true;
    },
    async remove(channel) {
      const channels = read();
      if (!channels.includes(channel)) return false;
      write(channels.filter((c) => c !== channel));
      return true;
    },
  };
}
