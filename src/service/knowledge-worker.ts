/**
 * Reads and parses a knowledge folder off the main thread, and saves it as parsed knowledge
 * (see parsed-knowledge.ts) for the main thread to read a line at a time. Started by
 * parse-off-thread.ts; posts the stamps it saved under, or the problems.
 */
import { parentPort, workerData } from "node:worker_threads";
import { KnowledgeError } from "../errors.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import type { ParseTask, WorkerReply } from "./parse-off-thread.ts";
import { saveParsedKnowledge, stampKnowledgeFolder } from "./parsed-knowledge.ts";

const { dir, cacheDir } = workerData as ParseTask;
let reply: WorkerReply;
try {
  const stamps = await stampKnowledgeFolder(dir);
  const kb = await loadKnowledge(dir);
  if (stamps === undefined) throw new Error("the knowledge folder changed while it was read");
  await saveParsedKnowledge(cacheDir, stamps, kb);
  reply = { stamps };
} catch (error) {
  reply = {
    error: error instanceof Error ? error.message : String(error),
    ...(error instanceof KnowledgeError ? { problems: [...error.problems] } : {}),
  };
}
parentPort?.postMessage(reply);
