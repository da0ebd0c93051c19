/**
 * Reads and parses a knowledge folder off the main thread, saves it as parsed knowledge (see
 * parsed-knowledge.ts) for the main thread to read a line at a time, then builds and persists
 * its index, which the main thread then loads as at a warm start. Building 100,000 passages
 * makes hundreds of megabytes of garbage: collected here, in this thread's own heap, it never
 * pauses the answers (on the main thread it stalled them up to 190 ms). Started by
 * parse-off-thread.ts; posts the stamps it saved under, or the problems.
 */
import { parentPort, workerData } from "node:worker_threads";
import { KnowledgeError } from "../errors.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { buildIndex } from "../search/build-index.ts";
import { writeCachedIndex } from "./index-cache.ts";
import type { ParseTask, WorkerReply } from "./parse-off-thread.ts";
import { saveParsedKnowledge, stampKnowledgeFolder } from "./parsed-knowledge.ts";

const { dir, cacheDir } = workerData as ParseTask;
let reply: WorkerReply;
try {
  const stamps = await stampKnowledgeFolder(dir);
  const kb = await loadKnowledge(dir);
  if (stamps === undefined) throw new Error("the knowledge folder changed while it was read");
  await saveParsedKnowledge(cacheDir, stamps, kb);
  try {
    await writeCachedIndex(cacheDir, buildIndex(kb));
  } catch {
    // Not fatal: the main thread builds the index itself when it finds none.
  }
  reply = { stamps };
} catch (error) {
  reply = {
    error: error instanceof Error ? error.message : String(error),
    ...(error instanceof KnowledgeError ? { problems: [...error.problems] } : {}),
  };
}
parentPort?.postMessage(reply);
