import { type FSWatcher, statSync, watch } from "node:fs";
import path from "node:path";
import { listKnowledgeTree } from "./knowledge-tree.ts";

export interface WatchOptions {
  /** Quiet time after the last change before `onChange` runs: an editor's save is many events. */
  debounceMs: number;
  /**
   * How often to check that the folder being watched is still the one at `dir`: a folder that is
   * deleted, replaced or created after the watch started is picked up within this time.
   */
  recheckMs: number;
  /**
   * Longest wait, after an entry is created or removed, before the folders being watched are
   * listed again (to watch a new subfolder): a `cp -r` of thousands of files lists them a few
   * times, not once per file.
   */
  relistMs: number;
}

export const DEFAULT_WATCH_OPTIONS: WatchOptions = {
  debounceMs: 300,
  recheckMs: 1000,
  relistMs: 100,
};

export interface KnowledgeWatcher {
  /** Resolves once the folders present at the start are watched. */
  readonly ready: Promise<void>;
  /** Real paths of the folders watched now, sorted. */
  folders(): string[];
  close(): void;
}

/**
 * Calls `onChange` (debounced) after any file under `dir` is added, changed or removed, and when
 * the folder itself appears, disappears or is replaced. Dotfiles and editors' backup files are
 * ignored. `onChange` must not throw: it runs from a timer.
 *
 * Each folder the loader reads (see `listKnowledgeTree`: links inside the folder followed, links
 * outside refused) has its own non-recursive watch, kept in step with the folders as they come and
 * go by listing them again, asynchronously. Node 20's `recursive: true` on Linux instead watches
 * every file and re-walks the tree synchronously on each event: 5,000 files copied in blocked the
 * event loop for 50 s.
 */
export function watchKnowledge(
  dir: string,
  onChange: () => void,
  options: Partial<WatchOptions> = {},
): KnowledgeWatcher {
  const { debounceMs, recheckMs, relistMs } = { ...DEFAULT_WATCH_OPTIONS, ...options };
  const watchers = new Map<string, FSWatcher>();
  let rootIdentity: string | undefined;
  let pending: NodeJS.Timeout | undefined;
  let relistTimer: NodeJS.Timeout | undefined;
  let listing: Promise<void> | undefined;
  let listAgain = false;
  let closed = false;

  const notify = () => {
    if (closed) return;
    clearTimeout(pending);
    pending = setTimeout(onChange, debounceMs);
  };

  const unwatch = (folder: string) => {
    watchers.get(folder)?.close();
    watchers.delete(folder);
  };

  const watchFolder = (folder: string) => {
    try {
      const watcher = watch(folder, (event, name) => {
        if (isNoise(name)) return;
        // The folder itself removed or moved is reported under its own name. The watch follows
        // the old folder, so it is dropped and the next listing watches whatever is there now
        // (perhaps a new folder with the same inode). A file of the same name costs a rewatch.
        if (
          event === "rename" &&
          name === path.basename(folder) &&
          watchers.get(folder) === watcher
        )
          unwatch(folder);
        // Only creations and removals can add or remove a folder; contents changing cannot.
        if (event === "rename" || !name) scheduleRelist();
        notify();
      });
      // A folder removed under its watch: list again, and the change is a change.
      watcher.on("error", () => {
        if (watchers.get(folder) === watcher) unwatch(folder);
        scheduleRelist();
        notify();
      });
      watchers.set(folder, watcher);
    } catch {
      // Gone already, or not readable: the next listing decides.
    }
  };

  // Brings the watches in line with the folders there are now. Files may have been written into
  // a new folder before its watch began, so a folder gained (after the start) is a change.
  const relist = async (initial: boolean) => {
    const found = await listKnowledgeTree(dir).then(
      (tree) => new Set(tree.folders),
      () => undefined,
    );
    // A folder that cannot be listed keeps its watches; the recheck notices it is gone.
    if (closed || found === undefined) return;
    let gained = false;
    for (const folder of watchers.keys()) if (!found.has(folder)) unwatch(folder);
    for (const folder of found) {
      if (watchers.has(folder)) continue;
      watchFolder(folder);
      gained = true;
    }
    if (gained && !initial) notify();
  };

  // One listing at a time; a request during one runs exactly one more.
  const runRelist = (initial = false): Promise<void> => {
    if (listing) {
      listAgain = true;
      return listing;
    }
    listing = relist(initial).finally(() => {
      listing = undefined;
      if (listAgain) {
        listAgain = false;
        void runRelist();
      }
    });
    return listing;
  };

  const scheduleRelist = () => {
    if (closed || relistTimer !== undefined) return;
    relistTimer = setTimeout(() => {
      relistTimer = undefined;
      void runRelist();
    }, relistMs);
  };

  // The folder at `dir` appearing, vanishing or being swapped for another starts the watches
  // afresh: the old ones follow the old folder wherever it went.
  const recheck = () => {
    if (closed) return;
    const identity = folderIdentity(dir);
    if (identity === rootIdentity) {
      // A folder that could not be listed at the start is tried again.
      if (identity !== undefined && watchers.size === 0) void runRelist();
      return;
    }
    rootIdentity = identity;
    for (const folder of [...watchers.keys()]) unwatch(folder);
    if (identity !== undefined) void runRelist();
    notify();
  };

  rootIdentity = folderIdentity(dir);
  const ready = rootIdentity === undefined ? Promise.resolve() : runRelist(true);
  const interval = setInterval(recheck, recheckMs);
  interval.unref();

  return {
    ready,
    folders: () => [...watchers.keys()].sort(),
    close() {
      closed = true;
      clearInterval(interval);
      clearTimeout(pending);
      clearTimeout(relistTimer);
      for (const folder of [...watchers.keys()]) unwatch(folder);
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

/** Entries the loader never reads: dotfiles (swap files), node_modules, `name~` backups, vim's probe file. */
function isNoise(name: string | null): boolean {
  if (!name) return false;
  return (
    name.startsWith(".") ||
    name === "node_modules" ||
    name.endsWith("~") ||
    name === "4913" ||
    /^#.*#$/.test(name)
  );
}
