import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createKnowledgeService } from "../src/live-index/knowledge-service.ts";
import { silentLogger } from "../src/log/logger.ts";
import type { BenchEngine, BuildFigures, EngineSetup, ReloadFigures } from "./engines.ts";
import { summarise } from "./stats.ts";

/** The bot's own engine, behind the service the Slack app uses. */
export async function openEngine(setup: EngineSetup): Promise<BenchEngine> {
  const service = createKnowledgeService({
    dir: setup.knowledgeDir,
    cacheDir: setup.cacheDir,
    watch: false,
    logger: silentLogger,
  });
  await service.ready;
  return {
    warmUp: () => service.warmUp(),
    search: (query) =>
      service
        .ask(query, { limit: setup.limit })
        .results.filter((r) => r.kind === "passage")
        .map((r) => ({ id: r.citation.docId, text: r.passage })),
  };
}

export async function measureBuild(knowledgeDir: string): Promise<BuildFigures> {
  // Imported here: the bot imports its parsing code only when it parses (see knowledge-service).
  const { loadKnowledge } = await import("../src/knowledge/load.ts");
  const { buildIndex } = await import("../src/search/build-index.ts");
  const started = performance.now();
  const knowledge = await loadKnowledge(knowledgeDir);
  const loaded = performance.now();
  buildIndex(knowledge);
  return { loadMs: loaded - started, buildMs: performance.now() - loaded };
}

/** An article added to a copy of the corpus, so that a reload has something to re-index. */
const RELOAD_PROBE_ARTICLE =
  "Reload probe\n\nA new passage that makes the knowledge base change.\n";

/** How often a question is asked while the reload runs: a busy channel, not a load test. */
const RELOAD_ASK_INTERVAL_MS = 5;

/**
 * Reloads a changed knowledge base while answering: on a copy of the corpus and its persisted
 * index (a reload replaces the index on disk), adds one article, reloads, and asks a question
 * every few milliseconds until the new index serves. Blocking shows as event-loop delay and as
 * slow or missing answers.
 */
export async function measureReload(
  setup: EngineSetup,
  questions: string[],
): Promise<ReloadFigures> {
  const copy = mkdtempSync(join(tmpdir(), "iranpak-bench-reload-"));
  try {
    const knowledgeDir = join(copy, "knowledge");
    const cacheDir = join(copy, "index");
    cpSync(setup.knowledgeDir, knowledgeDir, { recursive: true });
    cpSync(setup.cacheDir, cacheDir, { recursive: true });
    const logLines: string[] = [];
    const logger = {
      ...silentLogger,
      info: (...msg: unknown[]) => void logLines.push(msg.join(" ")),
    };
    const service = createKnowledgeService({ dir: knowledgeDir, cacheDir, watch: false, logger });
    await service.ready;
    const before = service.counts().articles;
    writeFileSync(join(knowledgeDir, "articles", "zz-bench-reload.txt"), RELOAD_PROBE_ARTICLE);
    logLines.length = 0;
    const delay = monitorEventLoopDelay({ resolution: 1 });
    const latencies: number[] = [];
    let finished = false;
    const started = performance.now();
    delay.enable();
    const reloaded = service.reload().finally(() => {
      finished = true;
    });
    for (let i = 0; !finished; i++) {
      await new Promise((resolve) => setTimeout(resolve, RELOAD_ASK_INTERVAL_MS));
      const t0 = process.hrtime.bigint();
      service.ask(questions[i % questions.length] ?? "", { limit: setup.limit });
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const result = await reloaded;
    const reloadMs = performance.now() - started;
    delay.disable();
    return {
      ok: result.ok && service.counts().articles === before + 1,
      reloadMs,
      answered: latencies.length,
      askLatencyMs: summarise(latencies),
      maxEventLoopDelayMs: delay.max / 1e6,
      p99EventLoopDelayMs: delay.percentile(99) / 1e6,
      logLines,
    };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
