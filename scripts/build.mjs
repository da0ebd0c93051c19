/**
 * Builds the entry points into dist/ for plain `node` (`npm start`, the Docker image), with
 * scripts/bundle.mjs: one ES module each, the dependencies in chunks of their own.
 *
 * esbuild rather than tsc: about 0.5 s against 3.5 to 9 s for tsc on this 2-core machine (with
 * --noCheck / with type checking). Type checking stays with `npm run typecheck` and CI.
 *
 * `--outdir DIR`: build there instead (a test's own build).
 *
 * `--if-possible`: for `prepare` (which `npm ci` and `npm install` run): build when esbuild and
 * src/ are there, else do nothing. `npm ci --omit=dev` has no esbuild; the Docker build stage
 * installs before it copies src/ and then builds on its own.
 *
 * `--if-stale`: for `prestart`. The build is made once, at install; a start only checks that no
 * file under src/ (nor this script or package.json) is newer than dist/main.js, and rebuilds when
 * one is: a developer who edits src/ never runs stale code, and a production start does no
 * build. `prestart` makes that check with `find` first (5 ms, where starting node for it took
 * 0.1 to 0.5 s on the loaded 2-core machine) and runs this only when dist/ looks stale. Without
 * esbuild (a production install) a stale dist/ is used with a warning; a missing one is an error.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { bundle } from "./bundle.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
// The workers (knowledge reload, feed parsing, article extraction) sit beside the entry points,
// where src/util/worker-script.ts looks for them when the code runs from dist/.
const ENTRY_POINTS = [
  { in: "src/main.ts", out: "main" },
  { in: "src/cli/main.ts", out: "cli" },
  { in: "src/healthcheck.ts", out: "healthcheck" },
  { in: "src/live-index/knowledge-worker.ts", out: "knowledge-worker" },
  { in: "src/feeds/feed-parse-worker.ts", out: "feed-parse-worker" },
  { in: "src/ingest/extract-worker.ts", out: "extract-worker" },
];
/** What the build is made from, besides src/: a change to any of them calls for a new one. */
const BUILD_INPUTS = [
  "scripts/build.mjs",
  "scripts/bundle.mjs",
  "scripts/defer-bolt-receivers.mjs",
  "package.json",
];
const outArg = process.argv.indexOf("--outdir");
// --outdir: a build of its own for a test (inside the repository, so node_modules resolves).
const OUT_DIR = outArg === -1 ? path.join(ROOT, "dist") : path.resolve(process.argv[outArg + 1]);
const BUILT = path.join(OUT_DIR, "main.js");
const SOURCE_DIR = path.join(ROOT, "src");

/** The newest modification time (ms) of a file under `dir`, or 0 for none. */
function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** Whether dist/ is missing or older than what it is built from (no src/: nothing to compare). */
function isStale() {
  if (!existsSync(BUILT)) return true;
  if (!existsSync(SOURCE_DIR)) return false;
  const built = statSync(BUILT).mtimeMs;
  const inputs = BUILD_INPUTS.map((file) => path.join(ROOT, file)).filter((file) =>
    existsSync(file),
  );
  return Math.max(newestUnder(SOURCE_DIR), ...inputs.map((file) => statSync(file).mtimeMs)) > built;
}

const ifPossible = process.argv.includes("--if-possible");
const ifStale = process.argv.includes("--if-stale");
if (ifStale && !isStale()) process.exit(0);
if (ifPossible && !existsSync(path.join(ROOT, ENTRY_POINTS[0].in))) process.exit(0);

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  if (ifPossible) process.exit(0);
  if (ifStale && existsSync(BUILT)) {
    console.error(
      "warning: src/ is newer than dist/, and esbuild (a dev dependency) is not installed to " +
        "rebuild it: running dist/ as built. Run `npm ci` to rebuild.",
    );
    process.exit(0);
  }
  console.error(
    "cannot build dist/: esbuild, a dev dependency, is not installed. Run `npm ci` (it builds " +
      "dist/) first (production: build, then `npm ci --omit=dev`; see the README).",
  );
  process.exit(1);
}

await bundle(esbuild, { entryPoints: ENTRY_POINTS, outDir: OUT_DIR });
// Wait for esbuild's helper process to exit, so that `npm start` leaves nothing behind.
await esbuild.stop();
