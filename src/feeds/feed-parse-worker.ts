/**
 * Parses feed documents off the main thread, one message per document: feedsmith is
 * synchronous, and a 5 MB feed takes ~700 ms that no answer should wait behind. Started by
 * parse-off-thread.ts.
 */
import { parentPort } from "node:worker_threads";
import { parseFeedText } from "./parse-feed.ts";
import type { ParseReply, ParseRequest } from "./parse-off-thread.ts";

parentPort?.on("message", ({ id, text, options }: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id, result: parseFeedText(text, options) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
