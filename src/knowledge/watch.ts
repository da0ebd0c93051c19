import { type FSWatcher, statSync, watch } from "node:fs";

export interface WatchOptions {
  /** Quiet time after the last change before `onChange` runs: an editor's save is many events. */
  debounceMs: number;
  /**
   * How often to check that the folder being watched is still the one at `dir`: a folder that is
   * deleted, replaced or created after the watch started is picked up within this time.
   */
  recheckMs: number;
}

export const defaultWatchOptions: WatchOptions = { debounceMs: 300, recheckMs: 1000 };

export interface KnowledgeWatcher {
  close(): void;
}

/**
 * Calls `onChange` (debounced) after any file under `dir` is added, changed or removed, and when
 * the folder itself appears, disappears or is replaced. Dotfiles and editors' backup files are
 * ignored. `onChange` must not throw: it runs from a timer.
 */
export function watchKnowledge(
  dir: string,
  onChange: () => void,
  options: Partial<WatchOptions> = {},
): KnowledgeWatcher {
  const { debounceMs, recheckMs } = { ...defaultWatchOptions, ...options };
  let watcher: FSWatcher | undefined;
  let watchedFolder: string | undefined;
  let pending: NodeJS.Timeout | undefined;
  let closed = false;

  const notify = () => {
    if (closed) return;
    clearTimeout(pending);
    pending = setTimeout(onChange, debounceMs);
  };

  const stopWatching = () => {
    watcher?.close();
    watcher = undefined;
    watchedFolder = undefined;
  };

  // (Re)starts the recursive watch whenever the folder at `dir` is not the one being watched.
  const recheck = () => {
    if (closed) return;
    const folder = folderIdentity(dir);
    if (folder === watchedFolder && (watcher !== undefined || folder === undefined)) return;
    const replaced = watcher !== undefined || folder !== undefined;
    stopWatching();
    if (folder !== undefined) {
      try {
        watcher = watch(dir, { recursive: true }, (_event, name) => {
          if (!name) recheck();
          if (!isNoise(name)) notify();
        });
        // A watch that fails (the folder vanished under it) is restarted by the next recheck.
        watcher.on("error", () => {
          stopWatching();
          notify();
        });
        watchedFolder = folder;
      } catch {
        stopWatching();
      }
    }
    if (started && replaced) notify();
  };

  let started = false;
  recheck();
  started = true;
  const interval = setInterval(recheck, recheckMs);
  interval.unref();

  return {
    close() {
      closed = true;
      clearInterval(interval);
      clearTimeout(pending);
      stopWatching();
    },
  };
}

/** Device and inode of the folder at `dir`, or undefined when there is none. */
function folderIdentity(dir: string): string | undefined {
  try {
    const info = statSync(dir);
    return info.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** Paths the loader never reads: dotfiles (swap files), node_modules, `name~` backups, vim's probe file. */
function isNoise(name: string | null): boolean {
  if (!name) return false;
  const parts = name.split(/[\\/]/);
  const base = parts.at(-1) ?? "";
  return (
    parts.some((part) => part.startsWith(".") || part === "node_modules") ||
    base.endsWith("~") ||
    base === "4913" ||
    /^#.*#$/.test(base)
  );
}
