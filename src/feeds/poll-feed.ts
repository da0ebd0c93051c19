import type { FetchedResponse, SafeFetch } from "../fetch/types.ts";
import { chooseItems } from "./choose-items.ts";
import {
  conditionalHeaders,
  recordFailure,
  recordFetched,
  recordNotModified,
  type TransitionContext,
} from "./feed-state.ts";
import { type FeedLimits, type FullArticleThreshold, resolveFeedLimits } from "./limits.ts";
import type { ParseFeedOptions } from "./parse-feed.ts";
import { parseFeedOnFirstUse } from "./parse-feed-on-first-use.ts";
import {
  describeFetchFailure,
  describeHttpStatus,
  UNEXPECTED_FAILURE_MESSAGE,
} from "./poll-messages.ts";
import { type PollPolicy, parseRetryAfter, resolvePollPolicy } from "./schedule.ts";
import type { FeedState, ParseFeedResult, PollFailureReason, PollResult } from "./types.ts";

/** Reads a feed document; `parseFeedText`, or the same run off the main thread. */
export type FeedParser = (
  text: string,
  options: ParseFeedOptions,
) => ParseFeedResult | Promise<ParseFeedResult>;

export interface PollFeedOptions {
  /** The guarded fetcher (`src/fetch/`); the feeds core never fetches by itself. */
  fetch: SafeFetch;
  /** The clock; read once the response is in, so the next poll counts from then. */
  now: () => Date;
  /** Numbers in [0, 1) for the jitter, e.g. `Math.random`. */
  random: () => number;
  limits?: Partial<FeedLimits>;
  policy?: Partial<PollPolicy>;
  fullArticle?: FullArticleThreshold;
  /**
   * Defaults to `parseFeedText` on this thread (loaded at the first parse). Parsing is
   * synchronous (feedsmith): a worker keeps a multi-megabyte feed from holding up answers
   * meanwhile.
   */
  parse?: FeedParser;
  signal?: AbortSignal;
}

/**
 * Polls one feed once: a conditional fetch, the feed read, the new items chosen, the state
 * moved on. Never throws: every failure is an outcome and a sentence in `lastError`.
 *
 * The caller stores `newItems` before it stores `nextState`: the state marks them seen, so
 * saving it first and dying in between would lose them.
 */
export async function pollFeed(state: FeedState, options: PollFeedOptions): Promise<PollResult> {
  const policy = resolvePollPolicy(options.policy);
  try {
    const result = await options.fetch(
      { url: state.url, headers: conditionalHeaders(state), accept: ["feed"] },
      options.signal,
    );
    const context: TransitionContext = { now: options.now(), policy, random: options.random() };
    if (!result.ok) {
      return failed(state, context, "fetch", describeFetchFailure(result.failure.kind), {
        detail: `${result.failure.kind}: ${result.failure.detail}`,
      });
    }
    return await readResponse(state, result.response, context, options);
  } catch (error) {
    // The fetcher promises not to throw, and an injected parser may: neither stops the poller.
    const context: TransitionContext = { now: options.now(), policy, random: options.random() };
    return failed(state, context, "unexpected", UNEXPECTED_FAILURE_MESSAGE, {
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

async function readResponse(
  state: FeedState,
  response: FetchedResponse,
  context: TransitionContext,
  options: PollFeedOptions,
): Promise<PollResult> {
  if (response.status === 304) {
    return {
      nextState: followMove(recordNotModified(state, context), response),
      newItems: [],
      outcome: { kind: "not-modified" },
    };
  }
  if (response.status < 200 || response.status > 299) return failedStatus(state, response, context);
  const limits = resolveFeedLimits(options.limits);
  const parse = options.parse ?? parseFeedOnFirstUse;
  const parsed = await parse(response.body, {
    baseUrl: response.url,
    limits,
    fullArticle: options.fullArticle,
  });
  if (!parsed.ok) {
    return failed(state, context, parsed.failure, parsed.message, { detail: parsed.detail });
  }
  const chosen = chooseItems({
    items: parsed.feed.items,
    seen: state.seen,
    primed: state.primed,
    newFeedItems: limits.newFeedItems,
    maxSeenKeys: limits.maxSeenKeys,
  });
  const nextState = recordFetched(
    state,
    {
      feed: parsed.feed,
      etag: response.headers.etag,
      lastModified: response.headers["last-modified"],
      seen: chosen.seen,
      newItemCount: chosen.newItems.length,
    },
    context,
  );
  return {
    nextState: followMove(nextState, response),
    newItems: chosen.newItems,
    outcome: {
      kind: "fetched",
      status: response.status,
      itemsInFeed: parsed.feed.items.length,
      newItems: chosen.newItems.length,
    },
  };
}

/**
 * The next poll goes where a permanent redirect said the feed now lives; only once the new
 * address answered with the feed (each hop's address was checked as it was fetched), and never
 * for a temporary redirect.
 */
function followMove(state: FeedState, response: FetchedResponse): FeedState {
  return response.movedTo === undefined ? state : { ...state, url: response.movedTo };
}

function failedStatus(
  state: FeedState,
  response: FetchedResponse,
  context: TransitionContext,
): PollResult {
  const throttled = response.status === 429 || response.status === 503;
  const retryAfterSeconds = throttled
    ? parseRetryAfter(response.headers["retry-after"], context.now)
    : undefined;
  const reason: PollFailureReason =
    response.status === 429
      ? "rate-limited"
      : response.status === 503
        ? "unavailable"
        : "http-status";
  return failed(state, context, reason, describeHttpStatus(response.status), {
    detail: `HTTP ${response.status} from ${response.url}`,
    retryAfterSeconds,
  });
}

function failed(
  state: FeedState,
  context: TransitionContext,
  reason: PollFailureReason,
  message: string,
  extra: { detail: string; retryAfterSeconds?: number },
): PollResult {
  const retryAfterSeconds = extra.retryAfterSeconds;
  return {
    nextState: recordFailure(state, { message, retryAfterSeconds }, context),
    newItems: [],
    outcome: {
      kind: "failed",
      reason,
      message,
      detail: extra.detail,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    },
  };
}
