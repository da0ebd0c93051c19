import { nextPollAt, type PollPolicy } from "./schedule.ts";
import type { FeedState, ParsedFeed } from "./types.ts";

/**
 * A feed's poll state and its transitions, one per kind of poll result. Each takes the state
 * and returns the next; none reads a clock or a random source of its own.
 */

/** A newly followed feed: nothing seen yet, due at once. */
export function createFeedState(url: string, now: Date): FeedState {
  return {
    url,
    seen: [],
    primed: false,
    nextPollAt: now.toISOString(),
    consecutiveFailures: 0,
    itemsAdded: 0,
  };
}

/** The conditional request headers from the last validators, so an unchanged feed costs a 304. */
export function conditionalHeaders(state: FeedState): Record<string, string> {
  const headers: Record<string, string> = {};
  if (state.etag !== undefined) headers["If-None-Match"] = state.etag;
  if (state.lastModified !== undefined) headers["If-Modified-Since"] = state.lastModified;
  return headers;
}

export interface TransitionContext {
  now: Date;
  policy: PollPolicy;
  /** A number in [0, 1) for this poll's jitter. */
  random: number;
}

export interface FetchedFeed {
  feed: ParsedFeed;
  etag?: string;
  lastModified?: string;
  seen: string[];
  newItemCount: number;
}

/** A 200 read as a feed: new validators, new seen keys, failures cleared. */
export function recordFetched(
  state: FeedState,
  fetched: FetchedFeed,
  context: TransitionContext,
): FeedState {
  return {
    ...succeeded(state, context),
    title: fetched.feed.title ?? state.title,
    siteUrl: fetched.feed.siteUrl ?? state.siteUrl,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    seen: fetched.seen,
    primed: true,
    itemsAdded: state.itemsAdded + fetched.newItemCount,
  };
}

/** A 304: the feed is as it was; only the poll times move (and a failing streak ends). */
export function recordNotModified(state: FeedState, context: TransitionContext): FeedState {
  return succeeded(state, context);
}

export interface FailedPoll {
  message: string;
  retryAfterSeconds?: number;
}

/** A failure: the error kept in a sentence, the interval doubled, the feed still followed. */
export function recordFailure(
  state: FeedState,
  failure: FailedPoll,
  context: TransitionContext,
): FeedState {
  const consecutiveFailures = state.consecutiveFailures + 1;
  const at = context.now.toISOString();
  return {
    ...state,
    lastPolledAt: at,
    lastError: failure.message,
    lastErrorAt: at,
    consecutiveFailures,
    nextPollAt: nextPollAt({
      now: context.now,
      policy: context.policy,
      consecutiveFailures,
      random: context.random,
      retryAfterSeconds: failure.retryAfterSeconds,
    }).toISOString(),
  };
}

function succeeded(state: FeedState, context: TransitionContext): FeedState {
  const at = context.now.toISOString();
  const { lastError: _error, lastErrorAt: _errorAt, ...rest } = state;
  return {
    ...rest,
    lastPolledAt: at,
    lastSuccessAt: at,
    consecutiveFailures: 0,
    nextPollAt: nextPollAt({
      now: context.now,
      policy: context.policy,
      consecutiveFailures: 0,
      random: context.random,
    }).toISOString(),
  };
}
