import { Worker } from "node:worker_threads";
import { workerScript } from "../util/worker-script.ts";
import type { ParseFeedOptions } from "./parse-feed.ts";
import { parseFeedOnFirstUse } from "./parse-feed-on-first-use.ts";
import type { FeedParser } from "./poll-feed.ts";
import type { ParseFeedResult } from "./types.ts";

export interface ParseRequest {
  id: number;
  text: string;
  options: ParseFeedOptions;
}

export type ParseReply = { id: number; result: ParseFeedResult } | { id: number; error: string };

/** A worker's heap: a few 5 MB feeds parsed at once fit well within it. */
const WORKER_OLD_GENERATION_MB = 256;

export interface OffThreadParser {
  parse: FeedParser;
  /** Stops the worker; documents still being parsed are parsed on this thread instead. */
  close(): Promise<void>;
}

/**
 * A `FeedParser` that runs `parseFeedText` in one worker thread, started on first use and
 * restarted after it dies. Where no worker can run, and for a document whose worker died, it
 * parses on this thread: slower answers meanwhile, but the feed is still read.
 */
export function createOffThreadParser(): OffThreadParser {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<
    number,
    { request: ParseRequest; resolve(r: ParseFeedResult | Promise<ParseFeedResult>): void }
  >();

  const parseHere = (request: ParseRequest) => parseFeedOnFirstUse(request.text, request.options);
  const parseWhatWasPending = () => {
    for (const { request, resolve } of pending.values()) resolve(parseHere(request));
    pending.clear();
  };
  const start = (): Worker | undefined => {
    try {
      const { script, isCode } = workerScript(import.meta.url, "feed-parse-worker");
      const started = new Worker(script, {
        eval: isCode,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
      });
      started.on("message", (reply: ParseReply) => {
        const waiting = pending.get(reply.id);
        if (waiting === undefined) return;
        pending.delete(reply.id);
        waiting.resolve("result" in reply ? reply.result : parseHere(waiting.request));
        if (pending.size === 0) started.unref();
      });
      const stopped = () => {
        if (worker === started) worker = undefined;
        parseWhatWasPending();
      };
      started.once("error", stopped);
      started.once("exit", stopped);
      return started;
    } catch {
      return undefined;
    }
  };

  return {
    parse(text, options) {
      worker ??= start();
      const request: ParseRequest = { id: nextId++, text, options };
      if (worker === undefined) return parseHere(request);
      const running = worker;
      return new Promise<ParseFeedResult>((resolve) => {
        pending.set(request.id, { request, resolve });
        running.ref();
        running.postMessage(request);
      });
    },
    async close() {
      const running = worker;
      worker = undefined;
      await running?.terminate();
    },
  };
}
