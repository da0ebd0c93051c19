import { readdirSync } from "node:fs";
import { mkdir, mkdtemp, realpath, rename, rm, symlink, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type KnowledgeWatcher, watchKnowledge } from "../../src/knowledge/watch.ts";

const WAIT = { timeout: 10_000, interval: 50 };
const fast = { debounceMs: 50, recheckMs: 100 };

let root: string;
let dir: string;
let watcher: KnowledgeWatcher | undefined;
let calls = 0;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "iranpak-watch-"));
  dir = path.join(root, "knowledge");
  await mkdir(path.join(dir, "articles"), { recursive: true });
  await writeFile(path.join(dir, "articles/a.txt"), "A\n\nOne.\n");
  calls = 0;
});
afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await rm(root, { recursive: true, force: true });
});

/** Starts watching `dir` and waits until the folders there are watched. */
async function start(): Promise<KnowledgeWatcher> {
  watcher = watchKnowledge(dir, () => calls++, fast);
  await watcher.ready;
  return watcher;
}

/** Waits until onChange has run, then forgets that it did. */
async function changeSeen(): Promise<void> {
  await vi.waitFor(() => expect(calls).toBeGreaterThan(0), WAIT);
  calls = 0;
}

describe("watchKnowledge", () => {
  it("notices a file added, changed and removed, in a nested folder too", async () => {
    await start();
    await writeFile(path.join(dir, "articles/b.txt"), "B\n\nBee.\n");
    await changeSeen();
    await writeFile(path.join(dir, "articles/a.txt"), "A\n\nChanged.\n");
    await changeSeen();
    await unlink(path.join(dir, "articles/b.txt"));
    await changeSeen();
    await mkdir(path.join(dir, "facts"));
    await writeFile(path.join(dir, "facts/f.yml"), "[]\n");
    await changeSeen();
  });

  it("keeps watching when the folder is deleted and created again", async () => {
    await start();
    await rm(dir, { recursive: true });
    await changeSeen();
    await mkdir(dir);
    await changeSeen();
    await writeFile(path.join(dir, "new.txt"), "N\n\nNew.\n");
    await changeSeen();
  });

  it("follows a folder swapped for another by renaming", async () => {
    const next = path.join(root, "next");
    await mkdir(next);
    await start();
    await rename(dir, path.join(root, "old"));
    await rename(next, dir);
    await changeSeen();
    await writeFile(path.join(dir, "b.txt"), "B\n\nBee.\n");
    await changeSeen();
  });

  it("starts watching a folder that appears after the watch began", async () => {
    await rm(dir, { recursive: true });
    await start();
    await mkdir(dir);
    await changeSeen();
    await writeFile(path.join(dir, "a.txt"), "A\n\nOne.\n");
    await changeSeen();
  });

  it("stops calling after close", async () => {
    await start();
    watcher?.close();
    await writeFile(path.join(dir, "articles/b.txt"), "B\n\nBee.\n");
    // Wait for a change seen by a second watcher, so the first had every chance to fire.
    let seen = 0;
    const witness = watchKnowledge(dir, () => seen++, fast);
    await witness.ready;
    await writeFile(path.join(dir, "articles/c.txt"), "C\n\nSee.\n");
    await vi.waitFor(() => expect(seen).toBeGreaterThan(0), WAIT);
    witness.close();
    expect(calls).toBe(0);
  });

  it("watches each folder once, not each file, when hundreds of files arrive at once", async () => {
    const handlesBefore = countFolderWatchHandles();
    const bulk = path.join(dir, "articles/bulk");
    // What the last onChange saw: it must come after every file is there.
    let seenByLastChange = -1;
    watcher = watchKnowledge(
      dir,
      () => {
        seenByLastChange = readdirSync(bulk).length;
      },
      fast,
    );
    await watcher.ready;
    await mkdir(bulk);
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        writeFile(path.join(bulk, `b${i}.txt`), `B${i}\n\nBee ${i}.\n`),
      ),
    );
    await vi.waitFor(() => expect(seenByLastChange).toBe(300), WAIT);
    // The new folder's watch may begin just after the files are all there.
    const real = await realpath(dir);
    const folders = [real, path.join(real, "articles"), path.join(real, "articles/bulk")];
    await vi.waitFor(() => expect(watcher?.folders()).toEqual(folders), WAIT);
    expect(countFolderWatchHandles() - handlesBefore).toBe(folders.length);
  });

  it("stops watching a folder that is removed", async () => {
    await mkdir(path.join(dir, "articles/old"));
    const { folders } = await start();
    const old = path.join(await realpath(dir), "articles/old");
    expect(folders()).toContain(old);
    await rm(path.join(dir, "articles/old"), { recursive: true });
    await changeSeen();
    await vi.waitFor(() => expect(folders()).not.toContain(old), WAIT);
  });

  it("notices a linked article removed", async () => {
    await mkdir(path.join(dir, "shared"));
    await writeFile(path.join(dir, "shared/b.txt"), "B\n\nBee.\n");
    await symlink("../shared/b.txt", path.join(dir, "articles/b.txt"));
    await start();
    await unlink(path.join(dir, "articles/b.txt"));
    await changeSeen();
  });

  it("notices a linked article's target changed, even in a folder the loader skips", async () => {
    await mkdir(path.join(dir, ".drafts"));
    await writeFile(path.join(dir, ".drafts/b.txt"), "B\n\nBee.\n");
    await symlink("../.drafts/b.txt", path.join(dir, "articles/b.txt"));
    await start();
    await writeFile(path.join(dir, ".drafts/b.txt"), "B\n\nBee, changed.\n");
    await changeSeen();
  });

  it("does not watch where a link out of the folder leads", async () => {
    const outside = path.join(root, "outside");
    await mkdir(outside);
    await writeFile(path.join(outside, "secret.txt"), "S\n\nSecret.\n");
    await symlink(outside, path.join(dir, "articles/shared"));
    await symlink(path.join(outside, "secret.txt"), path.join(dir, "articles/secret.txt"));
    const { folders } = await start();
    const real = await realpath(dir);
    expect(folders()).toEqual([real, path.join(real, "articles")]);
  });
});

/** Open `fs.watch` handles in this process: one per watched folder (or file). */
function countFolderWatchHandles(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "FSEventWrap").length;
}
