import { mkdirSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { ROOT } from "./child.ts";
import { ensureCorpus } from "./corpus.ts";
import { E2E_DEFAULTS, type E2eTarget, runE2eBench } from "./e2e.ts";
import { INGEST_WATCHED_FILES, runIngestBench } from "./ingest.ts";
import { buildQueryMix, type QuerySource, sourceFromPassages } from "./queries.ts";
import { type BenchReport, checkTargets, type Machine } from "./report.ts";
import {
  runSearchBench,
  SEARCH_BENCH_DEFAULTS,
  type SearchBenchOptions,
  searchDataDir,
} from "./search.ts";

/** The search bench's options (corpora, engines, query mix, where files go), plus the load test's. */
export interface BenchOptions
  extends Pick<
    SearchBenchOptions,
    "sizes" | "engines" | "perKind" | "warmupPerKind" | "seed" | "outDir" | "queryBudgetMs" | "log"
  > {
  /** Run the slash-command load test (on the seed knowledge and the largest corpus). */
  e2e: boolean;
  /** Run the search bench; without it the load test uses what an earlier run left. */
  search: boolean;
  e2eDurationSec: number;
  connections: number;
  e2eWarmupRequests: number;
  /** Questions per kind in the load test's request mix. */
  e2ePerKind: number;
  /** The seed knowledge folder the bot ships with. */
  seedKnowledgeDir: string;
  /** Run the ingest phase (articles added one by one at the largest size). */
  ingest: boolean;
  /** Articles the ingest phase adds. */
  ingestArticles: number;
  /** How to reproduce this run, printed in the report. */
  command: string;
}

/** The full bench the issue asks for: 1k, 10k and 100k passages, 300 queries a kind, 10 s loads. */
export const FULL_BENCH: Omit<BenchOptions, "command" | "log"> = {
  sizes: [1_000, 10_000, 100_000],
  engines: SEARCH_BENCH_DEFAULTS.engines,
  perKind: SEARCH_BENCH_DEFAULTS.perKind,
  warmupPerKind: SEARCH_BENCH_DEFAULTS.warmupPerKind,
  seed: SEARCH_BENCH_DEFAULTS.seed,
  outDir: join(ROOT, "bench", "out"),
  queryBudgetMs: SEARCH_BENCH_DEFAULTS.queryBudgetMs,
  e2e: true,
  search: true,
  e2eDurationSec: E2E_DEFAULTS.durationSec,
  connections: E2E_DEFAULTS.connections,
  e2eWarmupRequests: E2E_DEFAULTS.warmupRequests,
  // Enough that at 100,000 passages no bot request repeats a question (about 16,000 requests
  // in 10 s and the warm-up); the seed's 16 passages give only a few hundred.
  e2ePerKind: 8000,
  seedKnowledgeDir: join(ROOT, "knowledge"),
  ingest: true,
  ingestArticles: 500,
};

/** Tiny and quick, for CI: checks the bench still runs end to end, says nothing about speed. */
export const SMOKE_BENCH: Omit<BenchOptions, "command" | "log"> = {
  ...FULL_BENCH,
  sizes: [300],
  perKind: 10,
  warmupPerKind: 2,
  queryBudgetMs: 10_000,
  e2eDurationSec: 1,
  e2eWarmupRequests: 100,
  e2ePerKind: 10,
  ingestArticles: 5,
};

function describeMachine(loadAtStart: number): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: cpus().length,
    ramGB: totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
  };
}

/**
 * Distinct questions, so that as few requests as the knowledge allows repeat one, and as many of
 * each kind as of the others, as in the search figures: a small knowledge base has fewer
 * distinct known-item questions than typos (the seed: about 190 against 950).
 */
function questions(source: QuerySource, options: BenchOptions): string[] {
  const mix = buildQueryMix(source, { perKind: options.e2ePerKind, seed: options.seed + 3 });
  const byKind = new Map<string, Set<string>>();
  for (const q of mix) byKind.set(q.kind, (byKind.get(q.kind) ?? new Set()).add(q.text));
  const each = Math.min(...[...byKind.values()].map((texts) => texts.size));
  const kinds = [...byKind.values()].map((texts) => [...texts].slice(0, each));
  // Interleaved, so that every stretch of the load has the mix.
  return Array.from({ length: each }, (_, i) => kinds.map((texts) => texts[i] as string)).flat();
}

/** The seed knowledge and the largest generated corpus, each with questions drawn from itself. */
async function e2eTargets(options: BenchOptions): Promise<E2eTarget[]> {
  const seed = await loadKnowledge(options.seedKnowledgeDir);
  const targets: E2eTarget[] = [
    {
      label: "seed",
      seed: true,
      passages: seed.passages.length,
      knowledgeDir: options.seedKnowledgeDir,
      dataDir: join(options.outDir, "seed-data"),
      questions: questions(sourceFromPassages(seed.passages), options),
    },
  ];
  const largest = Math.max(...options.sizes);
  if (Number.isFinite(largest)) {
    const { dir, knowledgeDir, corpus } = ensureCorpus(options.outDir, {
      passages: largest,
      seed: options.seed,
    });
    targets.push({
      label: `${largest.toLocaleString("en-US")} passages`,
      seed: false,
      passages: corpus.passages.length,
      knowledgeDir,
      dataDir: searchDataDir(dir, "iranpak"),
      questions: questions(corpus, options),
    });
  }
  return targets;
}

/** Runs the search bench at every size, then the end-to-end load test, and checks the targets. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = Date.now();
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  mkdirSync(options.outDir, { recursive: true });
  const search = !options.search
    ? []
    : await runSearchBench({
        ...SEARCH_BENCH_DEFAULTS,
        sizes: options.sizes,
        engines: options.engines,
        perKind: options.perKind,
        warmupPerKind: options.warmupPerKind,
        seed: options.seed,
        outDir: options.outDir,
        queryBudgetMs: options.queryBudgetMs,
        log: options.log,
      });
  const { reports: e2e, failures } = options.e2e
    ? await runE2eBench({
        ...E2E_DEFAULTS,
        targets: await e2eTargets(options),
        durationSec: options.e2eDurationSec,
        connections: options.connections,
        warmupRequests: options.e2eWarmupRequests,
        log: options.log,
      })
    : { reports: [], failures: [] };
  const largest = Math.max(...options.sizes);
  const ingest = options.ingest
    ? await runIngestBench({
        passages: largest,
        seed: options.seed,
        outDir: options.outDir,
        articles: options.ingestArticles,
        watched: INGEST_WATCHED_FILES,
        log: options.log,
      })
    : undefined;
  return {
    date: new Date().toISOString(),
    command: options.command,
    machine: describeMachine(loadAtStart),
    durationSec: (Date.now() - started) / 1000,
    search,
    e2e,
    failures,
    ...(ingest ? { ingest } : {}),
    targets: checkTargets(search, e2e),
  };
}
