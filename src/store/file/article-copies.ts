import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ArticleStore } from "../../ingest/article-store.ts";
import type { Logger } from "../../log/logger.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";

export interface ArticleCopies {
  /** Resolves once the folder holds every stored article. */
  readonly ready: Promise<void>;
  /** Catches up now (after a change this process made, or a notice from another). */
  sync(): Promise<void>;
  close(): void;
}

/**
 * Keeps `folder` (under the knowledge folder, so the watcher serves it) a copy of the articles
 * in a shared store: all of them at start (files of articles removed meanwhile deleted), then
 * each change after the last sequence number seen, whenever `sync` is called and every
 * `pollMs`, since a wake-up can be lost. `onChange` runs after files changed.
 */
export function keepArticleCopies(options: {
  store: ArticleStore;
  folder: string;
  logger: Logger;
  pollMs: number;
  onChange?: () => unknown;
}): ArticleCopies {
  const { store, folder, logger } = options;
  let seq = 0;
  let running: Promise<void> | undefined;
  let again = false;

  const catchUp = async (): Promise<void> => {
    const first = seq === 0;
    const changes = await store.changesSince(seq);
    if (changes.length === 0 && !first) return;
    // No folder until there is an article: a replica with none leaves the knowledge folder as it was.
    if (changes.length > 0) mkdirSync(folder, { recursive: true });
    let changed = false;
    const kept = new Set<string>();
    for (const change of changes) {
      const path = join(folder, change.fileName);
      if (change.kind === "removed") {
        rmSync(path, { force: true });
        changed = true;
      } else {
        kept.add(change.fileName);
        if (readIfThere(path) !== change.text) {
          writeFileAtomic(path, change.text, 0o644);
          changed = true;
        }
      }
      seq = Math.max(seq, change.seq);
    }
    if (first) {
      for (const name of listFolder(folder)) {
        if (name.endsWith(".md") && !kept.has(name)) {
          rmSync(join(folder, name), { force: true });
          changed = true;
        }
      }
    }
    if (changed) await options.onChange?.();
  };

  const sync = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = catchUp()
      .catch((error: Error) => logger.warn(`copying added articles failed: ${error.message}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void sync();
        }
      });
    return running;
  };

  const ready = sync();
  const timer = setInterval(() => void sync(), options.pollMs);
  timer.unref();
  return { ready, sync, close: () => clearInterval(timer) };
}

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
