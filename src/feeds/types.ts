/**
 * What the feeds core reads from a feed and remembers about it. Every record here is plain
 * data (strings, numbers, arrays): it goes into files and PostgreSQL as it is.
 */

/** One item of a feed, in plain text. */
export interface FeedItem {
  guid?: string;
  /** Absolute http(s) URL, resolved against the feed's address. */
  link?: string;
  title?: string;
  /** ISO 8601 instant. */
  published?: string;
  /**
   * The whole article as plain paragraphs, present only when the feed carries the full text
   * (not a summary): then the link need not be fetched.
   */
  content?: string[];
  author?: string;
}

export interface ParsedFeed {
  format: "rss" | "atom" | "rdf" | "json";
  title?: string;
  /** The site the feed belongs to (its `<link>`, `home_page_url`…), absolute. */
  siteUrl?: string;
  /** In the feed's own order, at most `maxItemsRead`. */
  items: FeedItem[];
}

/** Why a feed's text could not be read; `message` is a plain sentence for people. */
export type FeedParseFailure = "too-large" | "malformed" | "not-a-feed";

export type ParseFeedResult =
  | { ok: true; feed: ParsedFeed }
  | { ok: false; failure: FeedParseFailure; message: string; detail: string };

/** A followed feed's poll state, one record per feed URL. Instants are ISO 8601 strings. */
export interface FeedState {
  /**
   * The address polled: the followed one, until a permanent redirect (301, 308) moves it (the
   * feed is still followed, listed and removed by the address it was followed by).
   */
  url: string;
  /** The feed's own title and site, from its last successful poll. */
  title?: string;
  siteUrl?: string;
  /** Validators from the last 200, sent back as `If-None-Match` / `If-Modified-Since`. */
  etag?: string;
  lastModified?: string;
  /**
   * Keys (GUID, else link, else title) of the items already seen, newest feed first, bounded by
   * `maxSeenKeys`. Empty until the first successful poll: a feed with none is new.
   */
  seen: string[];
  /** True once a poll has read the feed, so later polls bring only what is new. */
  primed: boolean;
  nextPollAt: string;
  lastPolledAt?: string;
  lastSuccessAt?: string;
  /** The last failure in one plain sentence; cleared by the next success. */
  lastError?: string;
  lastErrorAt?: string;
  consecutiveFailures: number;
  /** New items this feed has handed on, over its whole life. */
  itemsAdded: number;
}

/** Why a poll failed, for metrics and the log. */
export type PollFailureReason =
  | "fetch"
  | "rate-limited"
  | "unavailable"
  | "http-status"
  | "not-a-feed"
  | "malformed"
  | "too-large"
  | "unexpected";

export type PollOutcome =
  | { kind: "fetched"; status: number; itemsInFeed: number; newItems: number }
  | { kind: "not-modified" }
  | {
      kind: "failed";
      reason: PollFailureReason;
      /** The sentence stored as `lastError`. */
      message: string;
      /** What exactly failed, for the log only. */
      detail: string;
      /** The server's `Retry-After`, when it sent one we could read. */
      retryAfterSeconds?: number;
    };

export interface PollResult {
  nextState: FeedState;
  /** Newest first; empty unless the outcome is `fetched`. */
  newItems: FeedItem[];
  outcome: PollOutcome;
}
