/**
 * Builds the entry points into dist/ for plain `node` (`npm start`, the Docker image): one ES
 * module each, with the dependencies left to node_modules and a source map for stack traces.
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
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deferBoltReceivers } from "./defer-bolt-receivers.mjs";

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
const BUILD_INPUTS = ["scripts/build.mjs", "scripts/defer-bolt-receivers.mjs", "package.json"];
/**
 * Packages left to node_modules: pino starts its transports' workers from files beside its own
 * (`__dirname`, which a bundle does not have); the rest are optional native add-ons of packages
 * that load them only when installed.
 */
const UNBUNDLED = ["pino", "pg-native", "canvas", "bufferutil", "utf-8-validate"];
/**
 * An entry point that imports every dependency: the packages reach it and the entry points that
 * use them, our code only the latter, so esbuild splits them into separate chunks.
 */
const PACKAGES_ENTRY = "iranpak:packages";

function packagesEntry() {
  const { dependencies } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const names = Object.keys(dependencies).filter((name) => !UNBUNDLED.includes(name));
  return {
    name: "packages-entry",
    setup(build) {
      build.onResolve({ filter: /^iranpak:packages$/ }, () => ({
        path: PACKAGES_ENTRY,
        namespace: "iranpak",
      }));
      build.onLoad({ filter: /.*/, namespace: "iranpak" }, () => ({
        // Namespaces, not bare imports: a package without side effects would be dropped.
        contents: `${names.map((name, i) => `import * as p${i} from ${JSON.stringify(name)};`).join("\n")}\nexport { ${names.map((_, i) => `p${i}`).join(", ")} };\n`,
        resolveDir: ROOT,
      }));
    },
  };
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
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

const result = await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: [...ENTRY_POINTS, { in: PACKAGES_ENTRY, out: "packages" }],
  outdir: OUT_DIR,
  bundle: true,
  // The dependencies are bundled too: resolving and reading some 700 files of node_modules one
  // by one was most of a start (about 1 s of CPU of the bot's 1.9 s on the loaded 2-core
  // machine, Bolt alone 0.45 s). Left out: what loads files beside itself or is optional.
  external: UNBUNDLED,
  // With the packages entry, the dependencies land in chunks of their own, apart from our code.
  splitting: true,
  chunkNames: "chunk-[name]-[hash]",
  plugins: [packagesEntry(), deferBoltReceivers()],
  platform: "node",
  format: "esm",
  target: "node20",
  // The bundled CommonJS packages call `require` for node's built-in modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: true,
  // Stack traces need lines, not the sources: the map stays a fifth of the size.
  sourcesContent: false,
  write: false,
  logLevel: "warning",
});
const maps = new Map(
  result.outputFiles
    .filter((file) => file.path.endsWith(".map"))
    .map((file) => [file.path, mapOwnSourcesOnly(file.text)]),
);
// Chunks are named by their content: a new build leaves the last one's behind.
const written = new Set(result.outputFiles.map((file) => path.basename(file.path)));
for (const name of existsSync(OUT_DIR) ? readdirSync(OUT_DIR) : []) {
  if (name.startsWith("chunk-") && !written.has(name)) rmSync(path.join(OUT_DIR, name));
}
for (const file of result.outputFiles) {
  if (file.path.endsWith(".map")) continue;
  const map = maps.get(`${file.path}.map`);
  mkdirSync(path.dirname(file.path), { recursive: true });
  if (map === undefined || map.sources.length > 0) {
    writeFileSync(file.path, file.contents);
    if (map !== undefined) writeFileSync(`${file.path}.map`, JSON.stringify(map));
    continue;
  }
  // A file of packages alone, without its map: with --enable-source-maps node reads every line of
  // a file that names a map as it loads it (0.25 s for the packages on the loaded machine).
  writeFileSync(file.path, file.text.replace(/\n\/\/# sourceMappingURL=\S+\n?$/, "\n"));
}
// Wait for esbuild's helper process to exit, so that `npm start` leaves nothing behind.
await esbuild.stop();

/**
 * `map` (a source map's JSON, parsed, with no sources when none are ours) with the mappings into node_modules dropped: node parses the whole
 * map the first time any stack trace is formatted (undici's first response body does it), and
 * the dependencies' mappings were nine tenths of it (about 0.3 s on the loaded machine, at the
 * first request), and a mapping for every token of ours three quarters of the rest. A stack trace
 * still names our own files and lines (the column: where the line's code starts), and a
 * package's frame its line and column in the bundle.
 */
function mapOwnSourcesOnly(map) {
  const parsed = JSON.parse(map);
  const own = parsed.sources.map((source) => !source.includes("node_modules/"));
  const state = [0, 0, 0, 0, 0];
  const written = [0, 0, 0, 0, 0];
  const lines = parsed.mappings.split(";").map((line) => {
    state[0] = 0;
    written[0] = 0;
    const kept = [];
    for (const segment of line.split(",")) {
      if (segment === "") continue;
      const fields = decodeVlq(segment);
      for (let i = 0; i < fields.length; i++) state[i] += fields[i];
      if (fields.length < 4 || !own[state[1]] || kept.length > 0) continue;
      // One mapping a line, from its start: a stack frame names the line, which is what it
      // needs, and the map is a quarter of the size.
      const absolute = [0, ...state.slice(1, 4)];
      kept.push(encodeVlq(absolute.map((value, i) => value - written[i])));
      for (let i = 0; i < absolute.length; i++) written[i] = absolute[i];
    }
    return kept.join(",");
  });
  const mappings = lines.join(";");
  return { ...parsed, sources: /[^;]/.test(mappings) ? parsed.sources : [], mappings };
}

function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

function encodeVlq(values) {
  let out = "";
  for (const value of values) {
    let rest = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = rest & 31;
      rest >>>= 5;
      if (rest > 0) digit |= 32;
      out += BASE64[digit];
    } while (rest > 0);
  }
  return out;
}
