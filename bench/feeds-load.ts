/**
 * The feeds phase of `npm run bench` (alone: `npm run bench -- --feeds-only`): 50 feeds of 50
 * items each, all new, polled at once through the real poller (guarded fetcher, worker-thread
 * parser) against a local feed server, while a knowledge base of 10k passages answers a
 * question every 20 ms. Reports the slowest answer counted from when it was due (what a
 * question waits behind ingestion), the longest event-loop stall, and when the last item's
 * article was answerable.
 *
 * Each item goes through the bot's own pipeline (src/ingest-wiring.ts): the items carry their
 * whole text, so nothing is fetched, and each is fingerprinted, de-duplicated against the
 * articles stored so far, written to the file store in the knowledge folder and served by the
 * watching knowledge service, as in the bot without DATABASE_URL.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createOffThreadParser } from "../src/feeds/parse-off-thread.ts";
import { createFeedPoller } from "../src/feeds/poller.ts";
import { createSafeFetch } from "../src/fetch/safe-fetch.ts";
import type { AddArticle } from "../src/ingest/add-types.ts";
import { createIngestWiring } from "../src/ingest-wiring.ts";
import { createKnowledgeService } from "../src/live-index/knowledge-service.ts";
import { silentLogger } from "../src/log/logger.ts";
import { createStores } from "../src/store/create-stores.ts";
import { createMemoryFeedStore } from "../src/store/memory/feed-store.ts";
import { ensureCorpus } from "./corpus.ts";
import { createRandom, pickDistinct } from "./random.ts";

export interface FeedsLoadOptions {
  outDir: string;
  feeds: number;
  itemsPerFeed: number;
  passages: number;
  log: (line: string) => void;
}

export interface FeedsLoadReport {
  feeds: number;
  itemsPerFeed: number;
  passages: number;
  articlesAdded: number;
  pollMs: number;
  answeredMs: number | undefined;
  answers: number;
  slowestAnswerMs: number;
  /** While the feeds were polled and their items added (before the knowledge reloads them). */
  slowestAnswerWhilePollingMs: number;
  /** The same questions with nothing else happening, just before: what the machine adds. */
  slowestAnswerIdleMs: number;
  p99AnswerMs: number;
  longestStallMs: number;
  /** 1-minute load average when polling began and when the run ended: timings are noisy. */
  loadAverage: { start: number; end: number };
  adder: string;
}

const ASK_EVERY_MS = 20;
/** How long after the poll the last item may take to be served: counted from the poll's end, as
 * a poll slower than this would otherwise leave it unmeasured. */
const SERVE_TIMEOUT_MS = 180_000;
const IDLE_MS = 3_000;

/**
 * Each story's paragraphs are sentences drawn from the corpus: distinct stories, as the real
 * pipeline's near-duplicate check would fold stories written from one template into one.
 */
function feedXml(feed: number, items: number, sentences: readonly string[]): string {
  const random = createRandom(1_000 + feed);
  const toXmlText = (text: string) =>
    text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const entries = Array.from({ length: items }, (_, i) => {
    const marker = `feedmark${feed}x${i}`;
    const paragraphs = Array.from(
      { length: 4 },
      (_, p) =>
        `<p>${toXmlText(pickDistinct(random, sentences, 3).join(" "))}${p === 0 ? ` The marker ${marker} finds this story once it is served.` : ""}</p>`,
    ).join("");
    return `<item><title>Story ${i} of feed ${feed}</title><link>https://feed${feed}.example/story/${i}</link><guid>f${feed}-${i}</guid><pubDate>${new Date(Date.UTC(2026, 11, 1, 0, i)).toUTCString()}</pubDate><content:encoded><![CDATA[${paragraphs}]]></content:encoded></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ${feed}</title><link>https://feed${feed}.example/</link>${entries.join("")}</channel></rss>`;
}

export async function runFeedsLoad(options: FeedsLoadOptions): Promise<FeedsLoadReport> {
  const { knowledgeDir, corpus } = ensureCorpus(options.outDir, {
    passages: options.passages,
    seed: 1,
  });
  const root = await mkdtemp(path.join(os.tmpdir(), "iranpak-feeds-load-"));
  const dir = path.join(root, "knowledge");
  await cp(knowledgeDir, dir, { recursive: true });
  const bodies = Array.from({ length: options.feeds }, (_, f) =>
    feedXml(f, options.itemsPerFeed, corpus.sentences),
  );
  const server = createServer((request, response) => {
    const feed = Number(/^\/feed\/(\d+)$/.exec(request.url ?? "")?.[1] ?? -1);
    const body = bodies[feed];
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "application/rss+xml" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  const knowledge = createKnowledgeService({ dir, watch: true });
  await knowledge.ready;
  options.log(`feeds: knowledge of ${knowledge.counts().passages} passages loaded`);

  const stores = await createStores(
    { dataDir: path.join(root, "data"), knowledgeDir: dir },
    { logger: silentLogger },
  );
  const ingest = createIngestWiring(
    { ingestAllowHosts: [], knowledgeEditors: [] },
    { stores, logger: silentLogger, knowledge },
  );
  let written = 0;
  const addArticle: AddArticle = async (request) => {
    const outcome = await ingest.addFromFeed(request);
    if (outcome.kind === "added") written++;
    return outcome;
  };
  const store = createMemoryFeedStore();
  for (let f = 0; f < options.feeds; f++) {
    await store.add({ url: `http://${host}/feed/${f}`, source: "config" }, new Date());
  }
  const parser = createOffThreadParser();
  const poller = createFeedPoller({
    store,
    fetch: createSafeFetch({ allowHosts: [host] }),
    addArticle,
    now: () => new Date(),
    random: Math.random,
    parse: parser.parse,
    limits: { newFeedItems: options.itemsPerFeed },
    feedsAtOnce: options.feeds,
  });

  // A question every 20 ms: each answer's time counts from when its timer was due, so time
  // spent waiting behind ingestion on the event loop is in it (one late timer does not make
  // the next ones late too).
  let waits: number[] = [];
  let asking = true;
  const asker = (async () => {
    while (asking) {
      const due = performance.now() + ASK_EVERY_MS;
      await new Promise((resolve) => setTimeout(resolve, ASK_EVERY_MS));
      knowledge.ask("gas pipeline border trade");
      waits.push(performance.now() - due);
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const idleWaits = waits;
  waits = [];
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;
  const started = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const reports = await poller.pollDue();
  const pollMs = performance.now() - started;
  const pollingWaits = [...waits];
  options.log(
    `feeds: ${reports.length} feeds polled, ${written} articles written in ${Math.round(pollMs)} ms`,
  );
  const lastMarker = `feedmark${options.feeds - 1}x0`;
  let answeredMs: number | undefined;
  const polled = performance.now();
  while (performance.now() - polled < SERVE_TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (knowledge.ask(lastMarker).results.some((r) => r.passage.includes(lastMarker))) {
      answeredMs = performance.now() - started;
      break;
    }
  }
  delay.disable();
  asking = false;
  await asker;
  await parser.close();
  await ingest.close();
  await stores.close();
  await knowledge.close();
  server.close();
  await rm(root, { recursive: true, force: true });
  const sorted = [...waits].sort((a, b) => a - b);
  return {
    feeds: options.feeds,
    itemsPerFeed: options.itemsPerFeed,
    passages: options.passages,
    articlesAdded: written,
    pollMs: Math.round(pollMs),
    answeredMs: answeredMs === undefined ? undefined : Math.round(answeredMs),
    answers: waits.length,
    slowestAnswerMs: Math.round(sorted.at(-1) ?? 0),
    slowestAnswerWhilePollingMs: Math.round(Math.max(0, ...pollingWaits)),
    slowestAnswerIdleMs: Math.round(Math.max(0, ...idleWaits)),
    p99AnswerMs: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
    longestStallMs: Math.round(delay.max / 1e6),
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? Number.NaN },
    adder: "the bot's pipeline (createIngestWiring) on the file store in the knowledge folder",
  };
}
