/**
 * Bundles the bench's child processes with scripts/bundle.mjs, as scripts/build.mjs bundles the
 * bot for `npm start`, so that the children measure the code a user runs (plain node on an
 * esbuild bundle), not tsx: tsx cost about 64 MB of RSS and part of every start once the src/
 * graph was imported.
 *
 * Only the parent imports this (esbuild's API is not for bundling into the children). It builds
 * once per process, before the first child starts, and writes only the files whose content
 * changed, so a second bench run on the same sources leaves the first one's files alone.
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { bundle } from "../scripts/bundle.mjs";
import { BENCH_BUILD_DIR, BENCH_CHILD_SCRIPTS, ROOT } from "./child.ts";

/**
 * The worker threads' entry points (every src/**\/*-worker.ts): src/util/worker-script.ts looks
 * for `<name>.js` beside the bundled caller, so they are built into the same folder.
 */
function findWorkerEntries(): { in: string; out: string }[] {
  return readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith("-worker.ts"))
    .map((file) => ({ in: join("src", file), out: basename(file, ".ts") }));
}

async function buildBenchChildren(): Promise<void> {
  const esbuild = await import("esbuild");
  try {
    await bundle(esbuild, {
      entryPoints: [
        ...BENCH_CHILD_SCRIPTS.map((name) => ({ in: join("bench", `${name}.ts`), out: name })),
        ...findWorkerEntries(),
      ],
      outDir: BENCH_BUILD_DIR,
      keepUnchanged: true,
    });
  } finally {
    await esbuild.stop();
  }
}

let built: Promise<void> | undefined;

/**
 * Builds the children and the workers they start into bench/out/build, once per process:
 * call it before the first `runChild`.
 */
export function bundleBenchChildren(): Promise<void> {
  built ??= buildBenchChildren();
  return built;
}
