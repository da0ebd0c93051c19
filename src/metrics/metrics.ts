/**
 * What `/metrics` reports, in Prometheus's text format (prom-client): questions by how well they
 * were answered, answer and request latency, the knowledge indexed, reloads, digest posts, Web
 * API errors, feed polls and the articles they bring, and Node's own figures (event-loop lag, memory, GC). One registry per bot, so tests
 * and two apps in one process never mix their counts.
 */
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type Registry as PromRegistry,
  Registry,
} from "prom-client";
import { FEED_POLL_OUTCOMES, ITEM_OUTCOMES } from "../feeds/poller.ts";
import type { KnowledgeService } from "../live-index/types.ts";

const DUPLICATE_KINDS = ["same-url", "same-text", "near-duplicate"] as const;

export interface Metrics {
  readonly registry: PromRegistry;
  /** Questions answered, by confidence: `direct`, `closest`, `none` (nothing to cite). */
  readonly questions: Counter<"confidence">;
  /** Time to compose one answer (search, facts, snippets), in seconds. */
  readonly answerSeconds: Histogram;
  /** Slack requests handled, by kind (command, event, action, other) and outcome. */
  readonly requests: Counter<"kind" | "outcome">;
  /** Time from a Slack request's dispatch to its listener's end, in seconds. */
  readonly requestSeconds: Histogram<"kind">;
  /** Knowledge reloads, by result: `ok`, `failed` (the last good index keeps serving). */
  readonly reloads: Counter<"result">;
  /** Daily digest posts, by result: `ok`, `failed`. */
  readonly digestPosts: Counter<"result">;
  /** Failed Web API calls and response_url posts, by method and Slack's error code. */
  readonly webApiErrors: Counter<"method" | "code">;
  /**
   * Feed polls by outcome: `fetched`, `not-modified`, or the failure's reason (`fetch`,
   * `rate-limited`, `unavailable`, `http-status`, `not-a-feed`, `malformed`, `too-large`,
   * `unexpected`).
   */
  readonly feedPolls: Counter<"outcome">;
  /**
   * New feed items offered to ingestion, by outcome: `added`, `duplicate`, `removed-before`,
   * `refused` (the article's fetch or extraction failed, or it was not allowed).
   */
  readonly feedItems: Counter<"outcome">;
  /** Articles added to the knowledge, by origin (`feed` for now). */
  readonly articlesAdded: Counter<"origin">;
  /** Articles found already known, by how: `same-url`, `same-text`, `near-duplicate`. */
  readonly articleDuplicates: Counter<"how">;
  /** Reports this knowledge service's counts and state at each scrape. */
  observeKnowledge(knowledge: Pick<KnowledgeService, "status" | "counts">): void;
  /** The scrape: the text format and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Node's process metrics (event-loop lag, memory, GC, handles). Default true. */
  processMetrics: boolean;
}

export const DEFAULT_METRICS_OPTIONS: MetricsOptions = { processMetrics: true };

/** Answers take about 0.1 ms on the seed and a few ms at 100,000 passages. */
const ANSWER_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** Slack wants an ack within 3 s: the buckets around it matter most. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10];

const STATES = ["starting", "ready", "degraded"] as const;

export function createMetrics(options: Partial<MetricsOptions> = {}): Metrics {
  const { processMetrics } = { ...DEFAULT_METRICS_OPTIONS, ...options };
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let knowledge: Pick<KnowledgeService, "status" | "counts"> | undefined;

  const documents = new Gauge({
    name: "iranpak_knowledge_documents",
    help: "Articles, passages and facts in the index that answers now.",
    labelNames: ["kind"] as const,
    registers,
    collect() {
      if (knowledge === undefined || knowledge.status().state === "starting") return;
      const counts = knowledge.counts();
      this.set({ kind: "articles" }, counts.articles);
      this.set({ kind: "passages" }, counts.passages);
      this.set({ kind: "facts" }, counts.facts);
    },
  });
  new Gauge({
    name: "iranpak_knowledge_state",
    help: "1 for the knowledge service's state (starting, ready, degraded), 0 for the others.",
    labelNames: ["state"] as const,
    registers,
    collect() {
      if (knowledge === undefined) return;
      const now = knowledge.status().state;
      for (const state of STATES) this.set({ state }, state === now ? 1 : 0);
    },
  });

  const metrics: Metrics = {
    registry,
    questions: new Counter({
      name: "iranpak_questions_total",
      help: "Questions answered, by confidence (direct, closest, none: nothing to cite).",
      labelNames: ["confidence"] as const,
      registers,
    }),
    answerSeconds: new Histogram({
      name: "iranpak_answer_duration_seconds",
      help: "Time to compose one answer.",
      buckets: ANSWER_BUCKETS,
      registers,
    }),
    requests: new Counter({
      name: "iranpak_slack_requests_total",
      help: "Slack requests handled, by kind and outcome.",
      labelNames: ["kind", "outcome"] as const,
      registers,
    }),
    requestSeconds: new Histogram({
      name: "iranpak_slack_request_duration_seconds",
      help: "Time to handle a Slack request, from dispatch to the listener's end.",
      labelNames: ["kind"] as const,
      buckets: REQUEST_BUCKETS,
      registers,
    }),
    reloads: new Counter({
      name: "iranpak_knowledge_reloads_total",
      help: "Knowledge reloads, by result (ok, failed: the last good index keeps serving).",
      labelNames: ["result"] as const,
      registers,
    }),
    digestPosts: new Counter({
      name: "iranpak_digest_posts_total",
      help: "Daily digest posts, by result (ok, failed).",
      labelNames: ["result"] as const,
      registers,
    }),
    webApiErrors: new Counter({
      name: "iranpak_slack_api_errors_total",
      help: "Failed Slack Web API calls and response_url posts, by method and error code.",
      labelNames: ["method", "code"] as const,
      registers,
    }),
    feedPolls: new Counter({
      name: "iranpak_feed_polls_total",
      help: "Feed polls, by outcome (fetched, not-modified, or why it failed).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    feedItems: new Counter({
      name: "iranpak_feed_items_total",
      help: "New feed items offered for adding, by outcome (added, duplicate, removed-before, refused).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    articlesAdded: new Counter({
      name: "iranpak_articles_added_total",
      help: "Articles added to the knowledge, by origin.",
      labelNames: ["origin"] as const,
      registers,
    }),
    articleDuplicates: new Counter({
      name: "iranpak_article_duplicates_total",
      help: "Articles not added because the knowledge had them, by how they were recognised.",
      labelNames: ["how"] as const,
      registers,
    }),
    observeKnowledge(service) {
      knowledge = service;
      documents.reset();
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
  // Every known series from the start at 0: a rate over a series that appears only with its
  // first event misses that event.
  for (const confidence of ["direct", "closest", "none"]) metrics.questions.inc({ confidence }, 0);
  for (const result of ["ok", "failed"]) {
    metrics.reloads.inc({ result }, 0);
    metrics.digestPosts.inc({ result }, 0);
  }
  for (const outcome of FEED_POLL_OUTCOMES) metrics.feedPolls.inc({ outcome }, 0);
  for (const outcome of ITEM_OUTCOMES) metrics.feedItems.inc({ outcome }, 0);
  metrics.articlesAdded.inc({ origin: "feed" }, 0);
  for (const how of DUPLICATE_KINDS) metrics.articleDuplicates.inc({ how }, 0);
  return metrics;
}
