/**
 * A restart of the bot after articles were added, in a fresh process (see ingest-child.ts):
 * how long until the knowledge service is ready, the process's peak RSS by then, how the
 * index was opened, and whether the last article added answers.
 */
import { createKnowledgeService } from "../src/live-index/knowledge-service.ts";
import type { Logger } from "../src/log/logger.ts";
import { readTask, reportResult } from "./child.ts";

export interface RestartTask {
  knowledgeDir: string;
  cacheDir: string;
  /** A word only the last article added has, in its third paragraph; none for a first start. */
  marker?: string;
}

export interface RestartFigures {
  readyMs: number;
  /** The process's peak RSS when ready: it did nothing but start. */
  peakRssMB: number;
  /** What the service logged of opening the index: loaded, reassembled or indexed. */
  opened: string[];
  /** Whether the marker's article answers (false without a marker). */
  answers: boolean;
}

const task = readTask<RestartTask>();
const lines: string[] = [];
const keep = (...msg: unknown[]) => void lines.push(msg.map(String).join(" "));
const logger: Logger = { debug() {}, info: keep, warn: keep, error: keep };
const t0 = performance.now();
const service = createKnowledgeService({
  dir: task.knowledgeDir,
  cacheDir: task.cacheDir,
  watch: false,
  logger,
});
await service.ready;
const readyMs = performance.now() - t0;
const peakRssMB = process.resourceUsage().maxRSS / 1024;
const { marker } = task;
const answers =
  marker !== undefined &&
  service
    .ask(marker)
    .results.some((r) => r.citation.docId.endsWith("#3") && r.passage.includes(marker));
await service.close();
const figures: RestartFigures = {
  readyMs,
  peakRssMB,
  opened: lines.filter((line) => /loaded|reassembled|indexed|rebuilding/.test(line)),
  answers,
};
await reportResult(figures);
