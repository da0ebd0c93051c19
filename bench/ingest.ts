import { existsSync } from "node:fs";
import { join } from "node:path";
import { bundleBenchChildren } from "./bundle.ts";
import { runChild } from "./child.ts";
import { ensureCorpus } from "./corpus.ts";
import type { RestartFigures } from "./restart-child.ts";
import { searchDataDir } from "./search.ts";
import type { LatencySummary } from "./stats.ts";

/** What the ingest child is given. */
export interface IngestTask {
  knowledgeDir: string;
  /** The persisted index of the corpus, when the search bench has made one. */
  cacheDir?: string;
  /** Articles added through `addArticles`, one at a time. */
  articles: number;
  /** Articles dropped into the watched folder first, one at a time. */
  watched: number;
  seed: number;
}

export interface IngestFigures {
  passages: number;
  startMs: number;
  /** Files written into the watched folder: from the write to answerable (debounce included). */
  watched: { count: number; toAnswerableMs: LatencySummary };
  /** Articles added through the live index's API, one after another. */
  added: {
    count: number;
    wallMs: number;
    toAnswerableMs: LatencySummary;
    /** The process's CPU while adding, less what the answers meanwhile took, per article. */
    cpuMsPerArticle: number;
    /** CPU the answers asked meanwhile took, in all (not counted in `cpuMsPerArticle`). */
    answersCpuMs: number;
    longestStallMs: number;
    answersMeanwhileMs: LatencySummary;
    /** Of the first, middle and last article, how many no longer answer at the end (should be 0). */
    unanswerableAfter: number;
  };
  /** RSS once the first index serves, after a garbage collection: where the additions start. */
  rssServingMB: number;
  /** Peak RSS from the first index serving to the end of the additions. */
  peakRssMB: number;
  rssAfterAdditionsMB: number;
  /**
   * A new process on a folder the same articles were added to as files, one at a time, each
   * followed by a reload (the ingestion's path), and on the persisted index that service saved.
   */
  restart: RestartFigures & { grownThroughFolderMs: number };
}

export interface IngestOptions {
  passages: number;
  seed: number;
  outDir: string;
  articles: number;
  watched: number;
  log: (line: string) => void;
}

/** Files dropped into the watched folder before the API additions. */
export const INGEST_WATCHED_FILES = 5;

/** Issue 20's targets for the ingest phase. */
export const INGEST_TARGETS = {
  toAnswerableMs: 2_000,
  cpuMsPerArticle: 300,
  stallMs: 50,
  slowestAnswerMs: 100,
  restartReadyMs: 1_200,
  rssMB: 350,
};

/** Runs the ingest phase at `passages` (the corpus the search bench generates) in a child. */
export async function runIngestBench(options: IngestOptions): Promise<IngestFigures> {
  const { dir, knowledgeDir } = ensureCorpus(options.outDir, {
    passages: options.passages,
    seed: options.seed,
  });
  const cacheDir = join(searchDataDir(dir, "iranpak"), "index");
  options.log(
    `ingest: ${options.watched} files, then ${options.articles} articles one by one, at ${options.passages} passages`,
  );
  const task: IngestTask = {
    knowledgeDir,
    ...(existsSync(cacheDir) ? { cacheDir } : {}),
    articles: options.articles,
    watched: options.watched,
    seed: options.seed,
  };
  await bundleBenchChildren();
  return runChild<IngestFigures>("ingest-child", task, { timeoutMs: 60 * 60_000 });
}

/** The figures against the targets, one line each. */
export function describeIngest(f: IngestFigures): string[] {
  const t = INGEST_TARGETS;
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const worstToAnswerable = Math.max(f.added.toAnswerableMs.max, f.watched.toAnswerableMs.max);
  return [
    `at ${f.passages} passages (the bot ready from its persisted index in ${f.startMs.toFixed(0)} ms)`,
    `${verdict(worstToAnswerable <= t.toAnswerableMs)} time to answerable: API p50 ${f.added.toAnswerableMs.p50.toFixed(0)} / p95 ${f.added.toAnswerableMs.p95.toFixed(0)} / max ${f.added.toAnswerableMs.max.toFixed(0)} ms; folder (debounce included) p50 ${f.watched.toAnswerableMs.p50.toFixed(0)} / max ${f.watched.toAnswerableMs.max.toFixed(0)} ms (wanted ≤ ${t.toAnswerableMs})`,
    `${verdict(f.added.cpuMsPerArticle <= t.cpuMsPerArticle)} CPU per article: ${f.added.cpuMsPerArticle.toFixed(0)} ms (wanted ≤ ${t.cpuMsPerArticle}); ${f.added.count} articles in ${(f.added.wallMs / 1000).toFixed(1)} s, besides ${(f.added.answersCpuMs / 1000).toFixed(1)} s of CPU answering meanwhile`,
    `${verdict(f.added.longestStallMs <= t.stallMs)} longest stall while adding and merging: ${f.added.longestStallMs.toFixed(0)} ms (wanted ≤ ${t.stallMs})`,
    `${verdict(f.added.answersMeanwhileMs.max <= t.slowestAnswerMs)} answers meanwhile: ${f.added.answersMeanwhileMs.count}, p50 ${f.added.answersMeanwhileMs.p50.toFixed(1)} / p95 ${f.added.answersMeanwhileMs.p95.toFixed(1)} / max ${f.added.answersMeanwhileMs.max.toFixed(1)} ms (wanted max ≤ ${t.slowestAnswerMs})`,
    `${verdict(f.restart.readyMs <= t.restartReadyMs && f.restart.answers)} restart after the additions (through the folder, in ${(f.restart.grownThroughFolderMs / 1000).toFixed(0)} s): ready in ${f.restart.readyMs.toFixed(0)} ms, peak RSS ${f.restart.peakRssMB.toFixed(0)} MB, answers the last: ${f.restart.answers} (wanted ≤ ${t.restartReadyMs}); ${f.restart.opened.join("; ")}`,
    `${verdict(f.peakRssMB <= t.rssMB)} peak RSS serving and adding: ${f.peakRssMB.toFixed(0)} MB (serving before: ${f.rssServingMB.toFixed(0)} MB), after the additions ${f.rssAfterAdditionsMB.toFixed(0)} MB (wanted ≤ ${t.rssMB})`,
    `articles no longer answerable at the end: ${f.added.unanswerableAfter} of 3 checked`,
  ];
}
