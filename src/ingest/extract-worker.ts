/**
 * Extracts articles off the main thread: a 5 MB page takes about 1.8 s to parse and read, which
 * no answer should wait behind. Started by extract-off-thread.ts; answers each job by its id.
 */
import { parentPort } from "node:worker_threads";
import { extractArticle } from "./extract-article.ts";
import type { ExtractJob, ExtractReply } from "./extract-off-thread.ts";

parentPort?.on("message", (job: ExtractJob) => {
  let reply: ExtractReply;
  try {
    reply = { id: job.id, result: extractArticle(job.html, job.pageUrl) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
