/**
 * The ingest phase, in a fresh process (see ingest.ts): articles added one at a time to a
 * running knowledge service at the largest corpus size, while it answers a question every few
 * milliseconds. Reports the figures as `IngestFigures`.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArticle } from "../src/knowledge/parse-article.ts";
import type { Article } from "../src/knowledge/types.ts";
import { createKnowledgeService } from "../src/live-index/knowledge-service.ts";
import type { KnowledgeService } from "../src/live-index/types.ts";
import { silentLogger } from "../src/log/logger.ts";
import { readTask, reportResult, runChild } from "./child.ts";
import { formatArticle, generateCorpus } from "./corpus.ts";
import type { IngestFigures, IngestTask } from "./ingest.ts";
import type { RestartFigures, RestartTask } from "./restart-child.ts";
import { summarise } from "./stats.ts";

const task = readTask<IngestTask>();
/** How often a question is asked while articles come in: a busy channel. */
const ASK_INTERVAL_MS = 5;
/** With the memory traced, answers are asked this long before the first addition. */
const ANSWERS_ALONE_MS = 5_000;
/** Give up on an article answerable after this long. */
const ANSWERABLE_TIMEOUT_MS = 120_000;

const copy = mkdtempSync(join(tmpdir(), "iranpak-bench-ingest-"));
const knowledgeDir = join(copy, "knowledge");
const cacheDir = join(copy, "index");
cpSync(task.knowledgeDir, knowledgeDir, { recursive: true });
if (task.cacheDir !== undefined) cpSync(task.cacheDir, cacheDir, { recursive: true });

const marker = (n: number) => `ingestmarker${String(n).padStart(4, "0")}`;

/**
 * Articles of the corpus's kind, each with a word no other passage has, in its third paragraph,
 * and the questions asked meanwhile. Only these are kept: the corpus they come from holds every
 * Brown sentence (16 MB with the articles), which the process's peak RSS would count as the bot's.
 */
function ingestMaterial(): { texts: { rel: string; text: string }[]; questions: string[] } {
  const corpus = generateCorpus({ passages: task.articles * 6, seed: task.seed + 11 });
  const texts = Array.from({ length: task.articles + task.watched }, (_, n) => {
    const passages = corpus.passages.slice((n % task.articles) * 6, (n % task.articles) * 6 + 6);
    const article = {
      id: `ingest-${n}`,
      title: `Ingested article ${n}`,
      passages: passages.map((p, i) => ({
        ...p,
        text: i === 2 ? `${p.text} ${marker(n)}.` : p.text,
      })),
    };
    // Named to sort among the corpus's own articles: every later document's short id shifts.
    const rel = `articles/brown-0050-ingest-${String(n).padStart(4, "0")}.txt`;
    return { rel, text: formatArticle(article) };
  });
  const questions = corpus.passages.map((p) => p.text.split(" ").slice(2, 7).join(" "));
  return { texts, questions };
}
const { texts, questions } = ingestMaterial();
const answerable = (service: KnowledgeService, n: number): boolean =>
  service
    .ask(marker(n))
    .results.some((r) => r.citation.docId.endsWith(`#3`) && r.passage.includes(marker(n)));

function parsed(n: number): Article {
  const { rel, text } = texts[n] as { rel: string; text: string };
  const article = parseArticle({ path: join(knowledgeDir, rel), rel, text }).article;
  if (article === undefined) throw new Error(`${rel} does not parse`);
  return article;
}

/** Asks a question every few milliseconds until stopped; the slowest answers, the longest stall. */
function askMeanwhile(service: KnowledgeService, questions: readonly string[]) {
  const latencies: number[] = [];
  let answerCpuMicros = 0;
  let stall = 0;
  let last = performance.now();
  let i = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - ASK_INTERVAL_MS);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    service.ask(questions[i++ % questions.length] ?? "");
    const cpu = process.cpuUsage(cpu0);
    answerCpuMicros += cpu.user + cpu.system;
    latencies.push(performance.now() - t0);
    last = performance.now();
  }, ASK_INTERVAL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return { answers: summarise(latencies), stallMs: stall, answerCpuMs: answerCpuMicros / 1000 };
    },
  };
}

/**
 * With BENCH_INGEST_PROFILE=<file>, a CPU profile of the additions alone (not the start, which
 * `--cpu-prof` would mix in): what an added article costs, function by function.
 */
async function startProfile(): Promise<{ stop: () => Promise<void> } | undefined> {
  const file = process.env.BENCH_INGEST_PROFILE;
  const heapFile = process.env.BENCH_INGEST_HEAP_PROFILE;
  if (file === undefined && heapFile === undefined) return undefined;
  const session = new Session();
  session.connect();
  if (file !== undefined) {
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  if (heapFile !== undefined) {
    await session.post("HeapProfiler.enable");
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 64 * 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  return {
    stop: async () => {
      if (file !== undefined) {
        const { profile } = await session.post("Profiler.stop");
        writeFileSync(file, JSON.stringify(profile));
      }
      if (heapFile !== undefined) {
        const { profile } = await session.post("HeapProfiler.stopSampling");
        writeFileSync(heapFile, JSON.stringify(profile));
      }
      session.disconnect();
    },
  };
}

/**
 * With BENCH_INGEST_MEMORY=<file>, the process's memory every ten additions (JSON lines; every
 * BENCH_INGEST_MEMORY_EVERY): where the peak RSS while adding goes (heap, array buffers).
 */
function traceMemory(): { note: (added: number) => void; save: () => void } | undefined {
  const file = process.env.BENCH_INGEST_MEMORY;
  if (file === undefined) return undefined;
  const lines: string[] = [];
  const every = Number(process.env.BENCH_INGEST_MEMORY_EVERY ?? 10);
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return {
    note: (added) => {
      if (added % every !== 0) return;
      const at = performance.now();
      // BENCH_INGEST_MEMORY_GC=1: what is kept, not what awaits collection (changes the run).
      if (process.env.BENCH_INGEST_MEMORY_GC === "1") (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      lines.push(
        JSON.stringify({
          added,
          seconds: Math.round(at / 100) / 10,
          rss: mb(m.rss),
          peakRss: mb(peakRss),
          heapTotal: mb(m.heapTotal),
          heapUsed: mb(m.heapUsed),
          external: mb(m.external),
          arrayBuffers: mb(m.arrayBuffers),
        }),
      );
    },
    save: () => writeFileSync(file, `${lines.join("\n")}\n`),
  };
}

let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

let figures: IngestFigures;
try {
  // The bot as installed: a start of its own on this copy saves the parsed knowledge for these
  // files (a copy's paths and times are new), as the build at install does; the measured start
  // then reads it, as every start in production does, instead of reading 100 articles in-thread.
  await runChild<RestartFigures>(
    "restart-child",
    { knowledgeDir, cacheDir } satisfies RestartTask,
    {
      timeoutMs: 10 * 60_000,
    },
  );
  const started = performance.now();
  const service = createKnowledgeService({ dir: knowledgeDir, cacheDir, logger: silentLogger });
  await service.ready;
  const startMs = performance.now() - started;
  // The persisted index as the first start left it: where the restart phase begins.
  const startCache = join(copy, "index-at-start");
  cpSync(cacheDir, startCache, { recursive: true });
  const passages = service.counts().passages;
  (globalThis as { gc?: () => void }).gc?.();
  const rssServingMB = process.memoryUsage().rss / 2 ** 20;
  peakRss = 0;

  // Through the folder, as a person or a feed writes a file: the watcher, then a segment.
  const watchedMs: number[] = [];
  for (let k = 0; k < task.watched; k++) {
    const n = task.articles + k;
    const { rel, text } = texts[n] as { rel: string; text: string };
    const t0 = performance.now();
    writeFileSync(join(knowledgeDir, rel), text);
    while (!answerable(service, n)) {
      if (performance.now() - t0 > ANSWERABLE_TIMEOUT_MS)
        throw new Error(`${rel} never answerable`);
      await new Promise((resolve) => setTimeout(resolve, ASK_INTERVAL_MS));
    }
    watchedMs.push(performance.now() - t0);
  }

  // Through the API the ingestion calls, one article after another, answering meanwhile.
  const asking = askMeanwhile(service, questions);
  const profiling = await startProfile();
  const memoryTrace = traceMemory();
  memoryTrace?.note(0);
  if (memoryTrace !== undefined) {
    // Answers alone first: what serving questions takes apart from what adding takes.
    await new Promise((resolve) => setTimeout(resolve, ANSWERS_ALONE_MS));
    memoryTrace.note(0);
  }
  const addedMs: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let n = 0; n < task.articles; n++) {
    const t = performance.now();
    const result = await service.addArticles([parsed(n)]);
    if (!result.ok) throw new Error(`article ${n} not added: ${result.error}`);
    if (!answerable(service, n)) throw new Error(`article ${n} added but not answerable`);
    addedMs.push(performance.now() - t);
    memoryTrace?.note(n + 1);
  }
  memoryTrace?.save();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const meanwhile = asking.stop();
  await profiling?.stop();
  const rssAfterMB = process.memoryUsage().rss / 2 ** 20;
  const wrong = [0, task.articles >> 1, task.articles - 1].filter((n) => !answerable(service, n));
  await service.close();
  clearInterval(rssTimer);

  // A restart as the bot meets one. The ingestion keeps each article as a file and reloads
  // (see ingest-wiring.ts): so the same articles are added here, one at a time, on a copy of
  // the folder and persisted index as they were at the start; the service is closed (saving
  // what it grew, as it does once changes pause); then a new process starts on them.
  const restartKnowledge = join(copy, "restart", "knowledge");
  const restartCache = join(copy, "restart", "index");
  cpSync(task.knowledgeDir, restartKnowledge, { recursive: true });
  cpSync(startCache, restartCache, { recursive: true });
  const grower = createKnowledgeService({
    dir: restartKnowledge,
    cacheDir: restartCache,
    watch: false,
    logger: silentLogger,
  });
  await grower.ready;
  const g0 = performance.now();
  for (let n = 0; n < task.articles; n++) {
    const { rel, text } = texts[n] as { rel: string; text: string };
    writeFileSync(join(restartKnowledge, rel), text);
    const result = await grower.reload();
    if (!result.ok) throw new Error(`${rel} not added through the folder: ${result.error}`);
  }
  const grownMs = performance.now() - g0;
  await grower.close();
  const restartTask: RestartTask = {
    knowledgeDir: restartKnowledge,
    cacheDir: restartCache,
    marker: marker(task.articles - 1),
  };
  const restart = await runChild<RestartFigures>("restart-child", restartTask, {
    timeoutMs: 10 * 60_000,
  });

  figures = {
    passages,
    startMs,
    watched: { count: watchedMs.length, toAnswerableMs: summarise(watchedMs) },
    added: {
      count: task.articles,
      wallMs,
      toAnswerableMs: summarise(addedMs),
      cpuMsPerArticle: ((cpu.user + cpu.system) / 1000 - meanwhile.answerCpuMs) / task.articles,
      answersCpuMs: meanwhile.answerCpuMs,
      longestStallMs: meanwhile.stallMs,
      answersMeanwhileMs: meanwhile.answers,
      unanswerableAfter: wrong.length,
    },
    rssServingMB,
    peakRssMB: peakRss / 2 ** 20,
    rssAfterAdditionsMB: rssAfterMB,
    restart: { ...restart, grownThroughFolderMs: grownMs },
  };
} finally {
  rmSync(copy, { recursive: true, force: true });
}
// After the clean-up: reporting ends the process.
await reportResult(figures);
