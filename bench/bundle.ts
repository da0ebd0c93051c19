/**
 * Bundles the bench's child processes the way scripts/build.mjs bundles the bot for `npm start`,
 * so that the children measure the code a user runs (plain node on an esbuild bundle), not tsx:
 * tsx cost about 64 MB of RSS and part of every start once the src/ graph was imported.
 *
 * Only the parent imports this (esbuild's API is not for bundling into the children). It builds
 * once per process, before the first child starts, and writes only the files whose content
 * changed, so a second bench run on the same sources leaves the first one's files alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { BENCH_BUILD_DIR, BENCH_CHILD_SCRIPTS, ROOT } from "./child.ts";

const BUILD_SCRIPT = join(ROOT, "scripts", "build.mjs");
/** Beside the build, not in it: its own output is `packages.js`. */
const PACKAGES_ENTRY = join(ROOT, "bench", "out", "bench-packages.js");

/**
 * The packages scripts/build.mjs leaves to node_modules (its UNBUNDLED), read from that script so
 * the bench bundles exactly what `npm start`'s build bundles.
 */
function readUnbundledPackages(): string[] {
  const match = /^const UNBUNDLED = (\[[^\]]*\]);$/m.exec(readFileSync(BUILD_SCRIPT, "utf8"));
  if (!match?.[1]) {
    throw new Error(`${relative(ROOT, BUILD_SCRIPT)}: no \`const UNBUNDLED = [...]\` to read`);
  }
  return JSON.parse(match[1]) as string[];
}

/**
 * The worker threads' entry points (every src/**\/*-worker.ts): src/util/worker-script.ts looks
 * for `<name>.js` beside the bundled caller, so they are built into the same folder.
 */
function findWorkerEntries(): { in: string; out: string }[] {
  return readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith("-worker.ts"))
    .map((file) => ({ in: join("src", file), out: basename(file, ".ts") }));
}

/**
 * An entry point importing every dependency but `unbundled`, written under bench/out: as in
 * scripts/build.mjs, it makes esbuild put the packages in chunks apart from our code, so that
 * only our code keeps its source maps.
 */
function writePackagesEntry(unbundled: string[]): string {
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const names = Object.keys(dependencies).filter((name) => !unbundled.includes(name));
  // Namespace imports: a package without side effects would be dropped from a bare import.
  const lines = names.map((name, i) => `export * as p${i} from ${JSON.stringify(name)};`);
  mkdirSync(dirname(PACKAGES_ENTRY), { recursive: true });
  writeIfChanged(PACKAGES_ENTRY, `${lines.join("\n")}\n`);
  return PACKAGES_ENTRY;
}

/** Writes `contents` to `file` unless it already holds exactly that (a child may be reading it). */
function writeIfChanged(file: string, contents: string): void {
  if (existsSync(file) && readFileSync(file, "utf8") === contents) return;
  writeFileSync(file, contents);
}

async function buildBenchChildren(): Promise<void> {
  const esbuild = await import("esbuild");
  const unbundled = readUnbundledPackages();
  // scripts/build.mjs's options, for the same code on the same terms (that script builds as it
  // loads, so it has nothing to import them from).
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [
      ...BENCH_CHILD_SCRIPTS.map((name) => ({ in: join("bench", `${name}.ts`), out: name })),
      ...findWorkerEntries(),
      { in: writePackagesEntry(unbundled), out: "packages" },
    ],
    outdir: BENCH_BUILD_DIR,
    bundle: true,
    external: unbundled,
    splitting: true,
    chunkNames: "chunk-[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    sourcemap: true,
    sourcesContent: false,
    write: false,
    logLevel: "warning",
  });
  await esbuild.stop();
  mkdirSync(BENCH_BUILD_DIR, { recursive: true });
  const maps = new Map(
    result.outputFiles
      .filter((file) => file.path.endsWith(".map"))
      .map((file) => [file.path, JSON.parse(file.text) as { sources: string[] }]),
  );
  const isPackagesOnly = (mapFile: string) =>
    maps.get(mapFile)?.sources.every((source) => source.includes("node_modules/")) ?? false;
  const kept = result.outputFiles.filter(
    (file) => !(file.path.endsWith(".map") && isPackagesOnly(file.path)),
  );
  const keptNames = new Set(kept.map((file) => basename(file.path)));
  for (const name of readdirSync(BENCH_BUILD_DIR)) {
    if (!keptNames.has(name)) rmSync(join(BENCH_BUILD_DIR, name));
  }
  for (const file of kept) {
    // A chunk of packages alone goes without its map, as in dist/: with --enable-source-maps,
    // node reads every line of a file that names a map as it loads it.
    const text =
      !file.path.endsWith(".map") && isPackagesOnly(`${file.path}.map`)
        ? file.text.replace(/\n\/\/# sourceMappingURL=\S+\n?$/, "\n")
        : file.text;
    writeIfChanged(file.path, text);
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
