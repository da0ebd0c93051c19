/**
 * How long loading the persisted index takes at scale, alone (no bot, no queries):
 * `node --import tsx bench/persisted-index-load.ts [passages] [outDir]`. Generates the Brown
 * corpus (bench/corpus.ts), builds and persists its index unless it is there, then loads it a
 * few times.
 */
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { readCachedIndex, writeCachedIndex } from "../src/live-index/index-cache.ts";
import { buildIndex } from "../src/search/build-index.ts";
import { INDEX_FORMAT_VERSION } from "../src/search/persist-index.ts";
import { CORPUS_DEFAULTS, ensureCorpus } from "./corpus.ts";

const passages = Number(process.argv[2] ?? 100_000);
const outDir = process.argv[3] ?? "bench/out";
const RUNS = 5;

const { knowledgeDir, dir } = ensureCorpus(outDir, { passages, seed: CORPUS_DEFAULTS.seed });
const kb = await loadKnowledge(knowledgeDir);
// One folder per format version, so that versions can be compared on the same corpus.
const cacheDir = join(dir, `persist-load-index-v${INDEX_FORMAT_VERSION}`);
mkdirSync(cacheDir, { recursive: true });
let started = performance.now();
if ((await readCachedIndex(cacheDir, kb)) === undefined) {
  await writeCachedIndex(cacheDir, buildIndex(kb));
  console.log(`built and wrote in ${Math.round(performance.now() - started)} ms`);
}
const bytes = readdirSync(cacheDir).reduce(
  (sum, name) => sum + statSync(join(cacheDir, name)).size,
  0,
);
console.log(`${(bytes / 1e6).toFixed(1)} MB in ${cacheDir}`);
const times: number[] = [];
for (let run = 0; run < RUNS; run++) {
  started = performance.now();
  const index = await readCachedIndex(cacheDir, kb);
  times.push(performance.now() - started);
  if (index === undefined) throw new Error("the persisted index did not load");
}
times.sort((a, b) => a - b);
console.log(
  `${passages} passages: load ${times.map((t) => Math.round(t)).join(", ")} ms (median ${Math.round(times[Math.floor(RUNS / 2)] ?? 0)} ms)`,
);
