import type { SafeFetch } from "../fetch/types.ts";
import type { AddArticle, AddOutcome, AddRequest } from "../ingest/add-types.ts";
import { mapAtMost } from "../util/map-at-most.ts";
import type { FeedClaim, FeedStore } from "./feed-store.ts";
import type { FeedLimits } from "./limits.ts";
import { type FeedParser, pollFeed } from "./poll-feed.ts";
import type { PollPolicy } from "./schedule.ts";
import type { FeedItem, FeedState, PollFailureReason, PollOutcome } from "./types.ts";

/** What became of a new item once it was offered to the ingestion pipeline. */
export type ItemOutcome = AddOutcome["kind"];

export const ITEM_OUTCOMES: readonly ItemOutcome[] = [
  "added",
  "duplicate",
  "removed-before",
  "refused",
];

/** A poll's outcome as one word: its kind, or a failure's reason. Bounded: a metric label. */
export type FeedPollOutcome = "fetched" | "not-modified" | PollFailureReason;

export const FEED_POLL_OUTCOMES: readonly FeedPollOutcome[] = [
  "fetched",
  "not-modified",
  "fetch",
  "rate-limited",
  "unavailable",
  "http-status",
  "not-a-feed",
  "malformed",
  "too-large",
  "unexpected",
];

export function pollOutcomeOf(outcome: PollOutcome): FeedPollOutcome {
  return outcome.kind === "failed" ? outcome.reason : outcome.kind;
}

/** One feed's poll, for the log and the metrics. */
export interface FeedPollReport {
  url: string;
  outcome: PollOutcome;
  items: Record<ItemOutcome, number>;
  /** Each duplicate by how it was recognised. */
  duplicates: { how: Extract<AddOutcome, { kind: "duplicate" }>["how"] }[];
  /** False when the claim expired before the state was saved: another poll will redo it. */
  saved: boolean;
}

/** How often the poller looks for due feeds, and how long a claim on one holds. */
export const DEFAULT_POLLER_TICK_MS = 5_000;
export const DEFAULT_FEED_CLAIM_MS = 10 * 60_000;
/** Feeds polled side by side: each poll mostly waits on the network. */
export const DEFAULT_FEEDS_AT_ONCE = 4;

/** More feeds than anyone follows: `pollDue({ all })` takes them all in one claim. */
const MAX_FEEDS_CLAIMED = 100_000;

export interface FeedPollerOptions {
  store: FeedStore;
  /** The guarded fetcher. */
  fetch: SafeFetch;
  /** The one way articles come in (src/ingest/add-types.ts). */
  addArticle: AddArticle;
  now: () => Date;
  random: () => number;
  /** Off the main thread in the bot (parse-off-thread.ts). */
  parse?: FeedParser;
  limits?: Partial<FeedLimits>;
  policy?: Partial<PollPolicy>;
  claimMs?: number;
  feedsAtOnce?: number;
  /** Called after each feed's poll; must not throw. */
  onPolled?: (report: FeedPollReport) => void;
}

export interface FeedPoller {
  /** Polls the feeds that are due (every unclaimed one with `all`) and resolves when done. */
  pollDue(options?: { all?: boolean }): Promise<FeedPollReport[]>;
  /** Polls what is due every `tickMs` until stopped; stopping waits for the polls under way. */
  start(tickMs?: number): { stop(): Promise<void> };
}

/**
 * Polls followed feeds and hands each new item to `addArticle`. Each feed is claimed first, so
 * replicas share the work; its items are offered before its state is saved, so a poller that
 * dies in between loses nothing: the claim expires, the items are offered again, and
 * `addArticle` recognises what it already has.
 */
export function createFeedPoller(options: FeedPollerOptions): FeedPoller {
  const claimMs = options.claimMs ?? DEFAULT_FEED_CLAIM_MS;
  const atOnce = Math.max(1, options.feedsAtOnce ?? DEFAULT_FEEDS_AT_ONCE);

  const pollClaimed = async (claim: FeedClaim): Promise<FeedPollReport> => {
    const result = await pollFeed(claim.feed.state, {
      fetch: options.fetch,
      now: options.now,
      random: options.random,
      ...(options.parse === undefined ? {} : { parse: options.parse }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      ...(options.policy === undefined ? {} : { policy: options.policy }),
    });
    const offered = await offerItems(claim.feed.url, result.nextState, result.newItems, options);
    const nextState: FeedState = {
      ...result.nextState,
      itemsAdded: claim.feed.state.itemsAdded + offered.items.added,
    };
    const saved = await options.store.saveState(claim, nextState);
    const report = { url: claim.feed.url, outcome: result.outcome, ...offered, saved };
    options.onPolled?.(report);
    return report;
  };

  const pollDue = async ({ all = false } = {}): Promise<FeedPollReport[]> => {
    if (all) {
      // Every feed claimed at once: a released claim would otherwise be taken again at once.
      const claims = await options.store.claimDue({
        now: options.now(),
        leaseMs: claimMs,
        limit: MAX_FEEDS_CLAIMED,
        all,
      });
      return mapAtMost(atOnce, claims, pollClaimed);
    }
    const reports: FeedPollReport[] = [];
    for (;;) {
      const claims = await options.store.claimDue({
        now: options.now(),
        leaseMs: claimMs,
        limit: atOnce,
      });
      if (claims.length === 0) return reports;
      reports.push(...(await Promise.all(claims.map(pollClaimed))));
    }
  };

  return {
    pollDue,
    start(tickMs = DEFAULT_POLLER_TICK_MS) {
      let running: Promise<unknown> = Promise.resolve();
      let stopped = false;
      const tick = () => {
        // A store fault is retried on the next tick; the poll reports carry everything else.
        running = pollDue().catch(() => []);
        void running.then(() => {
          if (!stopped) timer = setTimeout(tick, tickMs).unref();
        });
      };
      let timer = setTimeout(tick, 0).unref();
      return {
        async stop() {
          stopped = true;
          clearTimeout(timer);
          await running;
        },
      };
    },
  };
}

async function offerItems(
  feedUrl: string,
  state: FeedState,
  newItems: readonly FeedItem[],
  options: FeedPollerOptions,
): Promise<Pick<FeedPollReport, "items" | "duplicates">> {
  const items: Record<ItemOutcome, number> = {
    added: 0,
    duplicate: 0,
    "removed-before": 0,
    refused: 0,
  };
  const duplicates: FeedPollReport["duplicates"] = [];
  // Oldest first, so the knowledge gains them in the order they were published.
  for (const item of [...newItems].reverse()) {
    const request = requestFor(feedUrl, state, item);
    const outcome: AddOutcome =
      request === undefined
        ? { kind: "refused", reason: "The feed item has no link.", detail: "no link" }
        : await options.addArticle(request).catch(
            (error: unknown): AddOutcome => ({
              kind: "refused",
              reason: "The article could not be added.",
              detail: error instanceof Error ? error.message : String(error),
            }),
          );
    items[outcome.kind] += 1;
    if (outcome.kind === "duplicate") duplicates.push({ how: outcome.how });
  }
  return { items, duplicates };
}

/** The add request for a feed item: its link, and its text when the feed carries it whole. */
export function requestFor(
  feedUrl: string,
  state: FeedState,
  item: FeedItem,
): AddRequest | undefined {
  if (item.link === undefined) return undefined;
  return {
    url: item.link,
    origin: { kind: "feed", feedUrl, ...(item.guid === undefined ? {} : { guid: item.guid }) },
    ...(item.content === undefined
      ? {}
      : {
          content: {
            paragraphs: item.content,
            ...(item.title === undefined ? {} : { title: item.title }),
            ...(state.title === undefined ? {} : { publisher: state.title }),
            ...(item.author === undefined ? {} : { author: item.author }),
            ...(item.published === undefined ? {} : { published: item.published }),
          },
        }),
  };
}
