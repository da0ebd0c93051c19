/**
 * One search measurement in a fresh process: open an engine (cold: build and persist; warm:
 * load the persisted index), report time from process start to ready and memory, then time
 * the query mix. Started by search.ts through runChild.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { readTask, reportResult } from "./child.ts";
import { type EngineName, importEngine, type ReloadFigures } from "./engines.ts";
import { type BenchQuery, isHit } from "./queries.ts";
import { megabytes } from "./stats.ts";

export type SearchPhase = "build" | "cold" | "warm" | "reload";

export interface SearchTask {
  engine: EngineName;
  /**
   * build: load + index in memory; cold: start with no persisted index; warm: start from it and
   * time the queries; reload: re-index a changed copy while answering.
   */
  phase: SearchPhase;
  knowledgeDir: string;
  cacheDir: string;
  limit: number;
  /** JSON files of BenchQuery[]; only the warm phase runs queries. */
  queriesFile?: string;
  warmupFile?: string;
  /** Stop timing queries after this long (the slow engine's common-word queries are slow). */
  budgetMs: number;
}

/** Set once this module's body runs: Node has booted and loaded the bundle's own modules. */
const scriptStartMs = performance.now();

export interface SearchMeasurement {
  engine: EngineName;
  phase: SearchPhase;
  /** From process start (Node's time origin) to a searchable index, ms. */
  readyMs: number;
  /** Where readyMs went: process start to this script running, the engine's module imports, opening the index. */
  bootMs: number;
  importMs: number;
  openMs: number;
  loadMs?: number;
  buildMs?: number;
  heapUsedMB: number;
  rssMB: number;
  /** Bytes the persisted index takes in the cache folder (cold phase). */
  indexBytes?: number;
  /** Per query of the mix, in order, until the budget ran out. */
  timingsMs?: number[];
  hits?: boolean[];
  maxRssMB: number;
  reload?: ReloadFigures;
}

/** The engines' persisted index files (not the bot's knowledge snapshots beside them). */
const INDEX_FILE = /^(index-|minisearch-default-)/;

/** The persisted index may be written after ready: wait until the folder stops growing. */
async function settledFolderBytes(dir: string, timeoutMs = 60_000): Promise<number> {
  let last = -1;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let bytes = 0;
    try {
      for (const name of readdirSync(dir)) {
        if (INDEX_FILE.test(name)) bytes += statSync(join(dir, name)).size;
      }
    } catch {
      bytes = 0;
    }
    if (bytes > 0 && bytes === last) return bytes;
    if (Date.now() > deadline) return bytes;
    last = bytes;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function readQueries(file: string | undefined): BenchQuery[] {
  return file ? (JSON.parse(readFileSync(file, "utf8")) as BenchQuery[]) : [];
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function afterReady(task: SearchTask, importedMs: number): SearchMeasurement {
  const readyMs = performance.now();
  collectGarbage();
  const memory = process.memoryUsage();
  return {
    engine: task.engine,
    phase: task.phase,
    readyMs,
    bootMs: scriptStartMs,
    importMs: importedMs - scriptStartMs,
    openMs: readyMs - importedMs,
    heapUsedMB: megabytes(memory.heapUsed),
    rssMB: megabytes(memory.rss),
    maxRssMB: 0,
  };
}

async function measure(task: SearchTask): Promise<SearchMeasurement> {
  const engine = await importEngine(task.engine);
  const importedMs = performance.now();
  if (task.phase === "build") {
    const build = await engine.measureBuild(task.knowledgeDir);
    return {
      ...afterReady(task, importedMs),
      ...build,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    };
  }
  if (task.phase === "reload") {
    if (!engine.measureReload) throw new Error(`${task.engine} has no reload to measure`);
    const questions = readQueries(task.queriesFile).map((q) => q.text);
    const reload = await engine.measureReload(task, questions);
    return {
      ...afterReady(task, importedMs),
      reload,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    };
  }
  const opened = await engine.openEngine(task);
  const result = afterReady(task, importedMs);
  if (task.phase === "cold") result.indexBytes = await settledFolderBytes(task.cacheDir);
  const queries = task.phase === "warm" ? readQueries(task.queriesFile) : [];
  if (queries.length > 0) {
    // Questions are timed as people meet them once the engine's own warm-up has run, as it
    // does a second after ready; ready is timed without it.
    await opened.warmUp?.();
    for (const query of readQueries(task.warmupFile)) opened.search(query.text);
    const timingsMs: number[] = [];
    const hits: boolean[] = [];
    const deadline = process.hrtime.bigint() + BigInt(task.budgetMs) * 1_000_000n;
    for (const query of queries) {
      const started = process.hrtime.bigint();
      const top = opened.search(query.text)[0];
      const ended = process.hrtime.bigint();
      timingsMs.push(Number(ended - started) / 1e6);
      hits.push(isHit(query, top));
      if (ended > deadline) break;
    }
    result.timingsMs = timingsMs;
    result.hits = hits;
  }
  // resourceUsage reports kilobytes.
  result.maxRssMB = process.resourceUsage().maxRSS / 1024;
  return result;
}

await reportResult(await measure(readTask<SearchTask>()));
