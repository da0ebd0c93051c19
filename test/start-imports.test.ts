import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/run-script.ts";

/**
 * Packages a start that answers questions never calls: the add pipeline's (page extraction,
 * Markdown and YAML for article files) and feed parsing's. Loaded where they are used (the
 * workers, or a dynamic import at the first add or feed), they cost the start nothing; imported
 * statically from the start's modules, some 1.7 MB of code is evaluated before the bot listens.
 */
const NOT_AT_START = [
  "linkedom",
  "@mozilla/readability",
  "yaml",
  "mdast-util-from-markdown",
  "micromark",
  "feedsmith",
  "fast-xml-parser",
  "htmlparser2",
];

/**
 * Every package `entry` evaluates as it loads (import statements and `require` calls, followed
 * through the packages; not dynamic imports), each with the chain of our files that reaches it.
 */
async function loadedAtStart(entry: string): Promise<Map<string, string[]>> {
  const { metafile } = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    metafile: true,
    outdir: path.join(ROOT, ".scratch", "start-imports"),
    // Optional native add-ons, absent here: nothing to follow.
    external: ["pg-native", "canvas", "bufferutil", "utf-8-validate"],
    logLevel: "silent",
  });
  const reachedFrom = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const { path: imported, kind } of metafile.inputs[file]?.imports ?? []) {
      if (kind !== "import-statement" && kind !== "require-call") continue;
      if (reachedFrom.has(imported)) continue;
      reachedFrom.set(imported, file);
      queue.push(imported);
    }
  }
  const packages = new Map<string, string[]>();
  for (const file of reachedFrom.keys()) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
    if (name === undefined || packages.has(name)) continue;
    const chain: string[] = [];
    for (let at: string | undefined = file; at !== undefined; at = reachedFrom.get(at)) {
      if (!at.includes("node_modules/")) chain.unshift(at);
    }
    packages.set(name, chain);
  }
  return packages;
}

/** The packages of NOT_AT_START that `entry` loads, each as `name ← the chain that loads it`. */
async function heavyPackagesLoadedBy(entry: string): Promise<string[]> {
  const loaded = await loadedAtStart(entry);
  return NOT_AT_START.filter((name) => loaded.has(name)).map(
    (name) => `${name} ← ${loaded.get(name)?.join(" → ")}`,
  );
}

describe("what the bot's start loads (src/main.ts, as scripts/build.mjs bundles it)", () => {
  it("loads none of the add pipeline's or feed parsing's packages", async () => {
    expect(await heavyPackagesLoadedBy("src/main.ts")).toEqual([]);
  }, 30_000);

  it("sees them where they are loaded: the workers and the pipeline's own module", async () => {
    const names = async (entry: string) =>
      (await heavyPackagesLoadedBy(entry)).map((line) => line.split(" ")[0]);
    expect(await names("src/ingest/extract-worker.ts")).toEqual(
      expect.arrayContaining(["linkedom", "@mozilla/readability"]),
    );
    expect(await names("src/feeds/feed-parse-worker.ts")).toEqual(
      expect.arrayContaining(["feedsmith", "fast-xml-parser", "htmlparser2"]),
    );
    expect(await names("src/ingest/add-article.ts")).toEqual(
      expect.arrayContaining(["yaml", "mdast-util-from-markdown", "micromark"]),
    );
  }, 30_000);
});
