import { mkdir, mkdtemp, rename, rm, unlink, writeFile } from "node:fs/promises";
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

function start(): void {
  watcher = watchKnowledge(dir, () => calls++, fast);
}

/** Waits until onChange has run, then forgets that it did. */
async function changeSeen(): Promise<void> {
  await vi.waitFor(() => expect(calls).toBeGreaterThan(0), WAIT);
  calls = 0;
}

describe("watchKnowledge", () => {
  it("notices a file added, changed and removed, in a nested folder too", async () => {
    start();
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
    start();
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
    start();
    await rename(dir, path.join(root, "old"));
    await rename(next, dir);
    await changeSeen();
    await writeFile(path.join(dir, "b.txt"), "B\n\nBee.\n");
    await changeSeen();
  });

  it("starts watching a folder that appears after the watch began", async () => {
    await rm(dir, { recursive: true });
    start();
    await mkdir(dir);
    await changeSeen();
    await writeFile(path.join(dir, "a.txt"), "A\n\nOne.\n");
    await changeSeen();
  });

  it("stops calling after close", async () => {
    start();
    watcher?.close();
    await writeFile(path.join(dir, "articles/b.txt"), "B\n\nBee.\n");
    // Wait for a change seen by a second watcher, so the first had every chance to fire.
    let seen = 0;
    const witness = watchKnowledge(dir, () => seen++, fast);
    await writeFile(path.join(dir, "articles/c.txt"), "C\n\nSee.\n");
    await vi.waitFor(() => expect(seen).toBeGreaterThan(0), WAIT);
    witness.close();
    expect(calls).toBe(0);
  });
});
