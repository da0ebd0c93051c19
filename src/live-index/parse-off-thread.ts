import { Worker } from "node:worker_threads";
import { KnowledgeError, type Problem } from "../errors.ts";
import { workerScript } from "../util/worker-script.ts";
import type { FileStamp } from "./parsed-knowledge.ts";

export interface ParseTask {
  dir: string;
  cacheDir: string;
}

export type WorkerReply = { stamps: FileStamp[] } | { error: string; problems?: Problem[] };

/**
 * The worker's heap limit. Under a gigabyte V8 lets a heap grow to at most twice what it holds
 * instead of four times: building 100,000 passages' index then peaks near 300 MB, not 900. A
 * worker that runs out dies, and the caller does the work itself.
 */
const WORKER_OLD_GENERATION_MB = 768;

/**
 * Parses the knowledge folder in a worker thread, which saves it as parsed knowledge in
 * `cacheDir`; resolves with the stamps it was saved under. Parsing 100,000 passages has steps
 * of hundreds of milliseconds that no answer should wait behind. Throws what loading throws
 * (a `KnowledgeError` with its problems); resolves undefined when no worker can run here (a
 * test runner without the TypeScript loader), and the caller parses in-thread.
 */
export function parseOffThread(task: ParseTask): Promise<FileStamp[] | undefined> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      const { script, isCode } = workerScript(import.meta.url, "knowledge-worker.ts", BUILT_WORKER);
      worker = new Worker(script, {
        eval: isCode,
        workerData: task,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
      });
    } catch {
      resolve(undefined);
      return;
    }
    let replied = false;
    worker.once("message", (reply: WorkerReply) => {
      replied = true;
      if ("stamps" in reply) resolve(reply.stamps);
      else if (reply.problems !== undefined) reject(new KnowledgeError(reply.problems));
      else reject(new Error(reply.error));
    });
    worker.once("error", () => {
      if (!replied) resolve(undefined);
    });
    worker.once("exit", () => {
      if (!replied) resolve(undefined);
    });
  });
}

/** Where scripts/build.mjs puts the worker: beside the entry points in dist/. */
export const BUILT_WORKER = "knowledge-worker.js";
