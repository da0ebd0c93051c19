import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readBrownSentences } from "./brown.ts";
import { bundleBenchChildren } from "./bundle.ts";
import { runChild } from "./child.ts";
import { ensureCorpus } from "./corpus.ts";
import type { EngineName, ReloadFigures } from "./engines.ts";
import { type BenchQuery, buildQueryMix, QUERY_KINDS, type QueryKind } from "./queries.ts";
import type { SearchMeasurement, SearchTask } from "./search-worker.ts";
import { type LatencySummary, megabytes, ratio, summarise } from "./stats.ts";

export interface SearchBenchOptions {
  sizes: number[];
  engines: EngineName[];
  /** Timed queries per kind (known-item, common-word, typo). */
  perKind: number;
  /** Untimed queries per kind run first, from a different seed than the timed ones. */
  warmupPerKind: number;
  seed: number;
  outDir: string;
  /** Results asked for per query. */
  limit: number;
  /** Per engine and size: time the queries until this much has passed. */
  queryBudgetMs: number;
  childTimeoutMs: number;
  log: (line: string) => void;
}

/** Top 10 per query like a search page; 300 a kind is enough for a steady p99. */
export const SEARCH_BENCH_DEFAULTS = {
  engines: ["iranpak", "minisearch-default"] as EngineName[],
  perKind: 300,
  warmupPerKind: 10,
  seed: 20240117,
  limit: 10,
  queryBudgetMs: 120_000,
  childTimeoutMs: 600_000,
};

/** Engines that reload a changed knowledge base in place (default MiniSearch has no such path). */
const RELOADING_ENGINES: readonly EngineName[] = ["iranpak"];

export type KnownKind = Exclude<QueryKind, "common-word">;
const KNOWN_KINDS: readonly KnownKind[] = ["known-item", "typo"];
type LatencyKey = QueryKind | "all";
const LATENCY_KEYS: readonly LatencyKey[] = [...QUERY_KINDS, "all"];

export interface EngineFigures {
  /** Reading and parsing the knowledge folder, in a process of its own. */
  loadMs: number;
  /** Indexing the loaded passages, in memory, nothing persisted. */
  buildMs: number;
  /** Process start to ready with no persisted index (read, build, persist as the engine does). */
  coldReadyMs: number;
  /** Process start to ready from the persisted index. */
  warmReadyMs: number;
  /**
   * Where warmReadyMs goes: Node boot (with the bundled bench script), importing the engine's
   * modules, loading the index.
   */
  warmBreakdownMs: { boot: number; imports: number; open: number };
  /** After ready and a full GC, in the warm process that serves the queries. */
  heapUsedMB: number;
  rssMB: number;
  coldHeapUsedMB: number;
  coldRssMB: number;
  /** Peak RSS over the cold and warm processes, queries included. */
  peakRssMB: number;
  /** Peak RSS of the warm process: loading the persisted index and answering the queries. */
  warmPeakRssMB: number;
  /** Peak RSS of the cold process: reading the knowledge, building and persisting the index. */
  coldPeakRssMB: number;
  indexMB: number | null;
  queriesRun: number;
  latencyMs: Record<LatencyKey, LatencySummary>;
  hitAt1: Record<KnownKind, number>;
  /** Re-indexing a changed copy while answering (engines that reload: the bot's). */
  reload: ReloadFigures | null;
}

export interface Speedup {
  /** Total time on the same queries: default MiniSearch ÷ iranpak. */
  total: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface SearchSizeReport {
  passages: number;
  articles: number;
  words: number;
  queries: Record<QueryKind, number>;
  engines: Partial<Record<EngineName, EngineFigures>>;
  /** Present when both engines ran: how the bot's engine compares with default MiniSearch. */
  comparison: {
    /** Latency on the queries both engines ran (how many times faster iranpak is). */
    speedup: Record<LatencyKey, Speedup>;
    /** iranpak ÷ default MiniSearch: below 1 is better for all of these. */
    buildRatio: number | null;
    coldReadyRatio: number | null;
    warmReadyRatio: number | null;
    rssRatio: number | null;
    indexRatio: number | null;
  } | null;
}

function latencyByKind(
  queries: BenchQuery[],
  timings: number[],
): Record<LatencyKey, LatencySummary> {
  const byKey = {} as Record<LatencyKey, LatencySummary>;
  for (const key of LATENCY_KEYS) {
    byKey[key] = summarise(timings.filter((_, i) => key === "all" || queries[i]?.kind === key));
  }
  return byKey;
}

function hitRates(queries: BenchQuery[], hits: boolean[]): Record<KnownKind, number> {
  const rates = {} as Record<KnownKind, number>;
  for (const kind of KNOWN_KINDS) {
    const mine = hits.filter((_, i) => queries[i]?.kind === kind);
    rates[kind] = mine.length ? mine.filter(Boolean).length / mine.length : Number.NaN;
  }
  return rates;
}

interface Phases {
  build: SearchMeasurement;
  cold: SearchMeasurement;
  warm: SearchMeasurement;
  reload?: SearchMeasurement;
}

function figures(queries: BenchQuery[], { build, cold, warm, reload }: Phases): EngineFigures {
  const timings = warm.timingsMs ?? [];
  return {
    loadMs: build.loadMs ?? Number.NaN,
    buildMs: build.buildMs ?? Number.NaN,
    coldReadyMs: cold.readyMs,
    warmReadyMs: warm.readyMs,
    warmBreakdownMs: { boot: warm.bootMs, imports: warm.importMs, open: warm.openMs },
    heapUsedMB: warm.heapUsedMB,
    rssMB: warm.rssMB,
    coldHeapUsedMB: cold.heapUsedMB,
    coldRssMB: cold.rssMB,
    peakRssMB: Math.max(cold.maxRssMB, warm.maxRssMB),
    warmPeakRssMB: warm.maxRssMB,
    coldPeakRssMB: cold.maxRssMB,
    indexMB: cold.indexBytes ? megabytes(cold.indexBytes) : null,
    queriesRun: timings.length,
    latencyMs: latencyByKind(queries, timings),
    hitAt1: hitRates(queries, warm.hits ?? []),
    reload: reload?.reload ?? null,
  };
}

function speedups(
  queries: BenchQuery[],
  ours: number[],
  theirs: number[],
): Record<LatencyKey, Speedup> {
  const n = Math.min(ours.length, theirs.length);
  const a = latencyByKind(queries.slice(0, n), ours.slice(0, n));
  const b = latencyByKind(queries.slice(0, n), theirs.slice(0, n));
  const result = {} as Record<LatencyKey, Speedup>;
  for (const key of LATENCY_KEYS) {
    const x = a[key];
    const y = b[key];
    result[key] = {
      total: ratio(y.mean, x.mean),
      p50: ratio(y.p50, x.p50),
      p95: ratio(y.p95, x.p95),
      p99: ratio(y.p99, x.p99),
    };
  }
  return result;
}

/**
 * Generates (or reuses) the corpus for each size and measures every engine in fresh processes:
 * a cold start that builds and persists the index, then a warm start that loads it and runs
 * the query mix.
 */
export async function runSearchBench(options: SearchBenchOptions): Promise<SearchSizeReport[]> {
  await bundleBenchChildren();
  const sentences = readBrownSentences();
  const reports: SearchSizeReport[] = [];
  for (const size of options.sizes) {
    const started = Date.now();
    const { dir, knowledgeDir, corpus, generated } = ensureCorpus(
      options.outDir,
      { passages: size, seed: options.seed },
      sentences,
    );
    options.log(`search ${size}: corpus ${generated ? "generated" : "reused"} at ${dir}`);
    const queries = buildQueryMix(corpus, { perKind: options.perKind, seed: options.seed + 1 });
    const warmup = buildQueryMix(corpus, {
      perKind: options.warmupPerKind,
      seed: options.seed + 2,
    });
    const queriesFile = join(dir, "queries.json");
    const warmupFile = join(dir, "warmup.json");
    writeFileSync(queriesFile, JSON.stringify(queries));
    writeFileSync(warmupFile, JSON.stringify(warmup));
    const report: SearchSizeReport = {
      passages: corpus.passages.length,
      articles: corpus.articles.length,
      words: corpus.passages.reduce((n, p) => n + p.text.split(" ").length, 0),
      queries: Object.fromEntries(
        QUERY_KINDS.map((k) => [k, queries.filter((q) => q.kind === k).length]),
      ) as Record<QueryKind, number>,
      engines: {},
      comparison: null,
    };
    const timings: Partial<Record<EngineName, number[]>> = {};
    for (const engine of options.engines) {
      const cacheDir = searchCacheDir(dir, engine);
      rmSync(cacheDir, { recursive: true, force: true });
      mkdirSync(cacheDir, { recursive: true });
      const base = {
        engine,
        knowledgeDir,
        cacheDir,
        limit: options.limit,
        budgetMs: options.queryBudgetMs,
      };
      const run = (task: SearchTask) =>
        runChild<SearchMeasurement>("search-worker", task, {
          timeoutMs: options.childTimeoutMs,
        });
      options.log(`search ${size}: ${engine} build in memory`);
      const build = await run({ ...base, phase: "build" });
      options.log(`search ${size}: ${engine} cold start (build + persist)`);
      const cold = await run({ ...base, phase: "cold" });
      options.log(`search ${size}: ${engine} warm start + ${queries.length} queries`);
      const warm = await run({ ...base, phase: "warm", queriesFile, warmupFile });
      let reload: SearchMeasurement | undefined;
      if (RELOADING_ENGINES.includes(engine)) {
        options.log(`search ${size}: ${engine} reload of a changed copy while answering`);
        reload = await run({ ...base, phase: "reload", queriesFile });
      }
      const figs = figures(queries, { build, cold, warm, reload });
      report.engines[engine] = figs;
      timings[engine] = warm.timingsMs ?? [];
      options.log(
        `search ${size}: ${engine} build ${figs.buildMs.toFixed(0)} ms, ready cold ${figs.coldReadyMs.toFixed(0)} ms, warm ${figs.warmReadyMs.toFixed(0)} ms, ` +
          `rss ${figs.rssMB.toFixed(0)} MB, p95 ${figs.latencyMs.all.p95.toFixed(2)} ms, ` +
          `hit@1 ${figs.hitAt1["known-item"].toFixed(3)} (${figs.queriesRun} queries)`,
      );
    }
    const ours = report.engines.iranpak;
    const theirs = report.engines["minisearch-default"];
    if (ours && theirs) {
      report.comparison = {
        speedup: speedups(queries, timings.iranpak ?? [], timings["minisearch-default"] ?? []),
        buildRatio: ratio(ours.buildMs, theirs.buildMs),
        coldReadyRatio: ratio(ours.coldReadyMs, theirs.coldReadyMs),
        warmReadyRatio: ratio(ours.warmReadyMs, theirs.warmReadyMs),
        rssRatio: ratio(ours.rssMB, theirs.rssMB),
        indexRatio: ratio(ours.indexMB ?? undefined, theirs.indexMB ?? undefined),
      };
    }
    options.log(`search ${size}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    reports.push(report);
  }
  return reports;
}

/**
 * A DATA_DIR per engine and corpus. The engine persists its index in `<data dir>/index`, where
 * the bot keeps it (src/startup.ts), so the e2e bench can start the bot from it.
 */
export function searchDataDir(corpusDir: string, engine: EngineName): string {
  return join(corpusDir, "data", engine);
}

function searchCacheDir(corpusDir: string, engine: EngineName): string {
  return join(searchDataDir(corpusDir, engine), "index");
}
