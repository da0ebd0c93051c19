import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run-script.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A build folder of the test's own, inside the repository so the build's imports resolve. */
async function scratchOutDir(): Promise<string> {
  await mkdir(path.join(ROOT, ".scratch"), { recursive: true });
  const outDir = await mkdtemp(path.join(ROOT, ".scratch", "dist-"));
  cleanups.push(() => rm(outDir, { recursive: true, force: true }));
  return outDir;
}

function buildIfStale(outDir: string): void {
  execFileSync(process.execPath, ["scripts/build.mjs", "--if-stale", "--outdir", outDir], {
    cwd: ROOT,
  });
}

const builtAt = async (outDir: string) => (await stat(path.join(outDir, "main.js"))).mtimeMs;

describe("scripts/build.mjs --if-stale, which npm start runs when dist/ looks stale", () => {
  it("builds a missing build, then leaves one newer than src/ as it is", async () => {
    const outDir = await scratchOutDir();
    buildIfStale(outDir);
    const first = await builtAt(outDir);
    buildIfStale(outDir);
    expect(await builtAt(outDir)).toBe(first);
  }, 60_000);

  it("rebuilds a build older than a file under src/, so an edit never runs stale", async () => {
    const outDir = await scratchOutDir();
    buildIfStale(outDir);
    const longAgo = new Date("2000-01-01T00:00:00Z");
    await utimes(path.join(outDir, "main.js"), longAgo, longAgo);
    buildIfStale(outDir);
    expect(await builtAt(outDir)).toBeGreaterThan(longAgo.getTime());
  }, 60_000);
});
