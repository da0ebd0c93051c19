/**
 * `node --expose-gc --import tsx bench/answer-stages.ts [--size 100000] [--per-kind 200]`: where an
 * answer's time goes, stage by stage, and the garbage it leaves. Bench-only instrumentation: the
 * production code is called as it is, with timers around it here.
 *
 * In process, one question at a time (the query mix of `npm run bench`'s corpus of `--size`
 * passages, which must have been generated and persisted by it first): search (every
 * `Retriever.search` call an answer makes), compose (the rest of `composeAnswer`: facts,
 * conflicts, snippets), render (`renderAnswer`) and log (the question log's `record`); then the
 * same questions one at a time through Slack's HTTP path to the bot as `npm start` runs it
 * (dist/main.js, HTTP mode, the Web API stand-in), and through a bare Bolt app acking fixed text:
 * the difference between the bot's round trip and the sum of the stages is Bolt, HTTP and the
 * listener. Bytes allocated per answer are heap growth over a batch with no collection in it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { composeAnswer } from "../src/answer/compose.ts";
import type { Answer } from "../src/answer/types.ts";
import { createKnowledgeCache } from "../src/live-index/knowledge-cache.ts";
import { openIndex } from "../src/live-index/open-index.ts";
import { createLogger } from "../src/log/logger.ts";
import { topicModelOf } from "../src/questions/topics.ts";
import { indexRetriever } from "../src/search/index-retriever.ts";
import { prepareSearch } from "../src/search/prepare.ts";
import type { Retriever } from "../src/search/retriever.ts";
import { HEALTH_PATH } from "../src/slack/app.ts";
import { renderAnswer } from "../src/slack/render/answer-blocks.ts";
import { newAnswerId } from "../src/slack/replies.ts";
import { openQuestionLog } from "../src/store/file/question-log.ts";
import { TEST_SIGNING_SECRET } from "../test/helpers/sign-request.ts";
import { startSlackApiStandIn } from "../test/helpers/slack-api-stand-in.ts";
import { bundleBenchChildren } from "./bundle.ts";
import { benchChildArgs, ROOT } from "./child.ts";
import { CORPUS_DEFAULTS, corpusDir } from "./corpus.ts";
import { benchAppEnv, freePort } from "./e2e.ts";
import { searchDataDir } from "./search.ts";
import { signedSlashRequests } from "./slash-requests.ts";
import { summarise } from "./stats.ts";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100000" },
    "per-kind": { type: "string", default: "200" },
    /** Writes a CPU profile of the bot's run here (node --cpu-prof), to see inside its listener. */
    "profile-dir": { type: "string" },
    /** In-process stages only: no bot and bare Bolt round trips. */
    "no-http": { type: "boolean", default: false },
  },
});
const size = Number(values.size);
const perKind = Number(values["per-kind"]);
const dir = corpusDir(join(ROOT, "bench", "out"), { passages: size, seed: CORPUS_DEFAULTS.seed });
const knowledgeDir = join(dir, "knowledge");
const dataDir = searchDataDir(dir, "iranpak");
const STAGES = ["search", "compose", "render", "log"] as const;
type Stage = (typeof STAGES)[number];

interface Question {
  kind: string;
  text: string;
}

/** The first `perKind` questions of each kind of the corpus's query mix. */
function readQuestions(): Question[] {
  const mix = JSON.parse(readFileSync(join(dir, "queries.json"), "utf8")) as Question[];
  const taken = new Map<string, number>();
  return mix.filter((q) => {
    const n = taken.get(q.kind) ?? 0;
    taken.set(q.kind, n + 1);
    return n < perKind;
  });
}

/** `retriever`, with the time its `search` calls take added to `spent.ms`. */
function timedSearch(retriever: Retriever, spent: { ms: number }): Retriever {
  return {
    ...retriever,
    knowledge: retriever.knowledge,
    nearTerms: retriever.nearTerms.bind(retriever),
    surfaceForm: retriever.surfaceForm.bind(retriever),
    passage: retriever.passage.bind(retriever),
    article: retriever.article.bind(retriever),
    fact: retriever.fact.bind(retriever),
    quoteRange: retriever.quoteRange.bind(retriever),
    search: (question, options) => {
      const started = performance.now();
      const outcome = retriever.search(question, options);
      spent.ms += performance.now() - started;
      return outcome;
    },
  };
}

const logger = createLogger("bench", "error");
const cache = createKnowledgeCache({
  dir: knowledgeDir,
  cacheDir: join(dataDir, "index"),
  logger,
  budgetMs: 10,
});
const { kb } = await cache.readKnowledge(false);
const index = await openIndex(kb, { initial: true, cache, budgetMs: 10, logger });
// The typo corrector, built now rather than by the first misspelled question.
await prepareSearch(index).warmUp();
const retriever = indexRetriever(index);
const spent = { ms: 0 };
const timed = timedSearch(retriever, spent);
const logDir = mkdtempSync(join(tmpdir(), "iranpak-stages-"));
const questionLog = openQuestionLog({
  dataDir: logDir,
  retentionDays: 30,
  logger,
  topics: () => topicModelOf(kb),
});
const questions = readQuestions();

/** Answers `q` as the slash command does, timing each stage. */
function answerOnce(q: Question, times?: Record<Stage, number[]>): void {
  spent.ms = 0;
  const t0 = performance.now();
  const answer: Answer = composeAnswer(timed, q.text);
  const t1 = performance.now();
  renderAnswer(answer, { share: true, feedback: { id: newAnswerId() } });
  const t2 = performance.now();
  questionLog.record({ text: q.text, answered: answer.confidence !== "none", at: new Date() });
  const t3 = performance.now();
  if (!times) return;
  times.search.push(spent.ms);
  times.compose.push(t1 - t0 - spent.ms);
  times.render.push(t2 - t1);
  times.log.push(t3 - t2);
}

// Warm-up (JIT), then timed, kind by kind.
for (const q of questions) answerOnce(q);
const byKind = new Map<string, Record<Stage, number[]>>();
for (const q of questions) {
  let times = byKind.get(q.kind);
  if (!times) {
    times = { search: [], compose: [], render: [], log: [] };
    byKind.set(q.kind, times);
  }
  answerOnce(q, times);
}

/** Heap growth per question of `work` over the whole mix, with no collection during it (else NaN). */
function bytesPerQuestion(work: (q: Question, n: number) => void): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  observer.observe({ entryTypes: ["gc"] });
  gc();
  const before = process.memoryUsage().heapUsed;
  questions.forEach(work);
  const grown = process.memoryUsage().heapUsed - before;
  observer.disconnect();
  return collections > 0 ? Number.NaN : grown / questions.length;
}

/** The smallest of a few tries (a collection in the middle spoils one), in KB. */
function kilobytesPerQuestion(work: (q: Question, n: number) => void): string {
  const tries = [0, 1, 2, 3, 4].map(() => bytesPerQuestion(work)).filter((b) => !Number.isNaN(b));
  return tries.length === 0 ? "unmeasured" : `${(Math.min(...tries) / 1024).toFixed(0)} KB`;
}

const answers = questions.map((q) => composeAnswer(retriever, q.text));
const allocated = {
  search: kilobytesPerQuestion((q) => retriever.search(q.text, { wanted: 3 })),
  compose: kilobytesPerQuestion((q) => composeAnswer(retriever, q.text)),
  render: kilobytesPerQuestion((_, n) =>
    renderAnswer(answers[n] as Answer, { share: true, feedback: { id: newAnswerId() } }),
  ),
  all: kilobytesPerQuestion((q) => answerOnce(q)),
};

const fixed = (ms: number) => ms.toFixed(2);
console.log(
  `${size.toLocaleString("en-US")} passages, ${questions.length} questions, load ${loadavg()[0]?.toFixed(1)}`,
);
console.log("in process, ms p50 / p95:");
for (const [kind, times] of byKind) {
  const total = times.search.map((_, i) => STAGES.reduce((sum, s) => sum + (times[s][i] ?? 0), 0));
  const cells = [
    ...STAGES.map((s) => [s, summarise(times[s])] as const),
    ["total", summarise(total)] as const,
  ];
  console.log(
    `  ${kind.padEnd(12)} ${cells.map(([s, f]) => `${s} ${fixed(f.p50)} / ${fixed(f.p95)}`).join(", ")}`,
  );
}
console.log(
  `heap allocated per answer (needs --expose-gc --max-semi-space-size=64): first search ${allocated.search}, ` +
    `composeAnswer (all its searches) ${allocated.compose}, render ${allocated.render}; the whole answer ${allocated.all}`,
);
questionLog.flush();
rmSync(logDir, { recursive: true, force: true });

/** Sends each question, one at a time, to an app and times the round trips by kind. */
async function roundTrips(app: "bot" | "bare"): Promise<Map<string, number[]>> {
  const api = await startSlackApiStandIn();
  const port = await freePort();
  const appData = mkdtempSync(join(tmpdir(), "iranpak-stages-app-"));
  const args =
    app === "bot"
      ? [
          ...(values["profile-dir"]
            ? ["--cpu-prof", `--cpu-prof-dir=${values["profile-dir"]}`]
            : []),
          "--enable-source-maps",
          "dist/main.js",
        ]
      : benchChildArgs("bare-app");
  if (app === "bot") {
    // The bot's persisted index, copied so that the bot starts warm without touching the bench's.
    cpSync(join(dataDir, "index"), join(appData, "index"), { recursive: true });
  }
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...benchAppEnv({ apiUrl: api.apiUrl, port, knowledgeDir, dataDir: appData }),
      LOG_LEVEL: "info",
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // The bot logs to stderr at info, as in production: read for the warm-up's line, and
  // passed on but for its info lines.
  let tail = "";
  let warmedUp = app !== "bot";
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-256);
    warmedUp ||= tail.includes("warmed up");
    const shown = text
      .split("\n")
      .filter((line) => line !== "" && !line.includes('"level":"info"'));
    if (shown.length > 0) process.stderr.write(`${shown.join("\n")}\n`);
  });
  try {
    for (;;) {
      const up = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`).then(
        () => true,
        () => false,
      );
      if (up) break;
      if (child.exitCode !== null) throw new Error(`${app} exited`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Timed as people meet the bot once its start-up work is done: the warm-up, a second
    // after ready, asks itself a few hundred questions (see DEFAULT_WARM_UP_DELAY_MS).
    const warmUpBy = performance.now() + 60_000;
    while (!warmedUp) {
      if (performance.now() > warmUpBy) throw new Error("the bot did not log its warm-up in 60 s");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const requests = signedSlashRequests(
      questions.map((q) => q.text),
      TEST_SIGNING_SECRET,
      api.responseUrl("stages"),
    );
    const send = async (n: number) => {
      const request = requests[n];
      const response = await fetch(`http://127.0.0.1:${port}${request?.path}`, {
        method: "POST",
        headers: request?.headers as Record<string, string>,
        body: request?.body as string,
      });
      await response.arrayBuffer();
    };
    for (let n = 0; n < requests.length; n++) await send(n);
    const times = new Map<string, number[]>();
    for (let n = 0; n < requests.length; n++) {
      const started = performance.now();
      await send(n);
      const kind = questions[n]?.kind as string;
      times.set(kind, [...(times.get(kind) ?? []), performance.now() - started]);
    }
    return times;
  } finally {
    child.kill("SIGTERM");
    await exited;
    await api.close();
    rmSync(appData, { recursive: true, force: true });
  }
}

if (values["no-http"]) process.exit(0);
const bot = await roundTrips("bot");
await bundleBenchChildren();
const bare = await roundTrips("bare");
console.log("through Slack's HTTP path, one request at a time, ms p50 / p95:");
for (const [kind, times] of bot) {
  const b = summarise(times);
  const floor = summarise(bare.get(kind) ?? []);
  console.log(
    `  ${kind.padEnd(12)} bot ${fixed(b.p50)} / ${fixed(b.p95)}, bare Bolt ${fixed(floor.p50)} / ${fixed(floor.p95)}`,
  );
}
console.log(`load ${loadavg()[0]?.toFixed(1)} at the end`);
