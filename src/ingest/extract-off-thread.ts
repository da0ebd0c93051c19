import { Worker } from "node:worker_threads";
import { workerScript } from "../util/worker-script.ts";
import type { ExtractionResult } from "./extract-article.ts";

export interface ExtractJob {
  id: number;
  html: string;
  pageUrl: string;
}

export type ExtractReply = { id: number; result: ExtractionResult } | { id: number; error: string };

/** Extracts an article from a fetched page; rejects only when extraction itself broke. */
export type ExtractPage = (html: string, pageUrl: string) => Promise<ExtractionResult>;

export interface OffThreadExtractor {
  extract: ExtractPage;
  /** Stops the worker; later calls start another. */
  close(): Promise<void>;
}

/** Where scripts/build.mjs puts the worker: beside the entry points in dist/. */
export const BUILT_EXTRACT_WORKER = "extract-worker.js";
/**
 * Longer than any bounded page takes (extract-article.ts's limits: seconds at most): a worker
 * still busy after this is stuck, and is stopped.
 */
export const DEFAULT_EXTRACT_TIMEOUT_MS = 20_000;
const WORKER_OLD_GENERATION_MB = 512;

interface Pending {
  resolve(result: ExtractionResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One long-lived worker thread that extracts pages in turn (starting one per page would cost
 * more than most extractions). A worker that dies or hangs fails the jobs it held and is
 * replaced on the next. Where no worker can start (no TypeScript loader), extraction runs
 * in-thread, as the knowledge reload does.
 */
export function createOffThreadExtractor(options: { timeoutMs?: number } = {}): OffThreadExtractor {
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS;
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const [id, job] of pending) {
      clearTimeout(job.timer);
      pending.delete(id);
      job.reject(error);
    }
  };

  const start = (): Worker | undefined => {
    if (worker !== undefined) return worker;
    try {
      const { script, isCode } = workerScript(import.meta.url, "extract-worker");
      const started = new Worker(script, {
        eval: isCode,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
      });
      started.unref();
      started.on("message", (reply: ExtractReply) => {
        const job = pending.get(reply.id);
        if (job === undefined) return;
        pending.delete(reply.id);
        clearTimeout(job.timer);
        if ("result" in reply) job.resolve(reply.result);
        else job.reject(new Error(reply.error));
        if (pending.size === 0) started.unref();
      });
      const lost = (why: string) => {
        if (worker === started) worker = undefined;
        failAll(new Error(`the extraction worker ${why}`));
      };
      started.on("error", (error) => lost(`failed: ${error.message}`));
      started.on("exit", (code) => lost(`exited with code ${code}`));
      worker = started;
      return started;
    } catch {
      return undefined;
    }
  };

  return {
    extract(html, pageUrl) {
      const running = start();
      if (running === undefined) {
        // Loaded only here: the DOM and Readability are the worker's, not the bot's start's.
        return import("./extract-article.ts").then(({ extractArticle }) =>
          extractArticle(html, pageUrl),
        );
      }
      const id = nextId++;
      return new Promise<ExtractionResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          void running.terminate();
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        // A job in flight keeps the process alive until it is answered.
        running.ref();
        running.postMessage({ id, html, pageUrl } satisfies ExtractJob);
      });
    },
    async close() {
      const running = worker;
      worker = undefined;
      await running?.terminate();
    },
  };
}
