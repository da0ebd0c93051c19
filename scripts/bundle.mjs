/**
 * Bundles entry points for plain `node`, as `npm start` runs them: one ES module each, the
 * dependencies bundled into chunks of their own (without source maps), our code with a trimmed
 * source map for stack traces. scripts/build.mjs builds dist/ with it, and the bench its child
 * processes (bench/bundle.ts), so that both run the same code on the same terms.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deferBoltReceivers } from "./defer-bolt-receivers.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Packages left to node_modules: optional native add-ons of packages that load them only when
 * installed. pino is bundled: loaded from node_modules (a dozen files resolved, read and compiled
 * one by one) it cost a start some 35 ms of CPU, bundled about 19 ms. Its transports would start
 * workers from files beside its own (`__dirname`, which the bundle does not have); the logger
 * writes to a destination and starts none (src/log/logger.ts).
 */
const UNBUNDLED = ["pg-native", "canvas", "bufferutil", "utf-8-validate"];
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

/**
 * zod's locales (64 languages, about 340 KB, two fifths of zod's chunk) are re-exported as a
 * namespace (`z.locales`), so the bundle kept them all, compiled and evaluated at every start
 * (the configuration's schemas import zod). The bot's messages are English, zod's default: its
 * locales module is reduced to English, the one the bundle keeps.
 */
function zodEnglishOnly() {
  return {
    name: "zod-english-only",
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
        if (!/[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)) return undefined;
        return { path: path.join(args.resolveDir, "..", "locales", "en.js"), namespace: "zod-locales" };
      });
      build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};\n`,
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Bundles `entryPoints` ({ in, out } pairs, relative to the repository) into `outDir` with
 * `esbuild` (the module, imported by the caller, which also stops it), dropping the chunks of an
 * earlier build. With `keepUnchanged`, a file that already holds what the build makes is not
 * written again: a process running from the folder may be reading it.
 */
export async function bundle(esbuild, { entryPoints, outDir, keepUnchanged = false }) {
  const write = (file, text) => {
    if (keepUnchanged && existsSync(file) && readFileSync(file, "utf8") === text) return;
    writeFileSync(file, text);
  };
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [...entryPoints, { in: PACKAGES_ENTRY, out: "packages" }],
    outdir: outDir,
    bundle: true,
    // The dependencies are bundled too: resolving and reading some 700 files of node_modules one
    // by one was most of a start (about 1 s of CPU of the bot's 1.9 s on the loaded 2-core
    // machine, Bolt alone 0.45 s). Left out: what is optional.
    external: UNBUNDLED,
    // With the packages entry, the dependencies land in chunks of their own, apart from our code.
    splitting: true,
    chunkNames: "chunk-[name]-[hash]",
    plugins: [packagesEntry(), deferBoltReceivers(), zodEnglishOnly()],
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
  for (const name of existsSync(outDir) ? readdirSync(outDir) : []) {
    if (name.startsWith("chunk-") && !written.has(name)) rmSync(path.join(outDir, name));
  }
  for (const file of result.outputFiles) {
    if (file.path.endsWith(".map")) continue;
    const map = maps.get(`${file.path}.map`);
    mkdirSync(path.dirname(file.path), { recursive: true });
    if (map === undefined || map.sources.length > 0) {
      write(file.path, file.text);
      if (map !== undefined) write(`${file.path}.map`, JSON.stringify(map));
      continue;
    }
    // A file of packages alone, without its map: with --enable-source-maps node reads every line of
    // a file that names a map as it loads it (0.25 s for the packages on the loaded machine).
    write(file.path, file.text.replace(/\n\/\/# sourceMappingURL=\S+\n?$/, "\n"));
  }
}

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
