import type { FeedState } from "./types.ts";

/** Where a followed feed came from: the `FEEDS` setting or `/iranpak feeds add`. */
export type FeedSource = "config" | "command";

/** A followed feed: its address, who follows it and its poll state. Plain data throughout. */
export interface FollowedFeed {
  url: string;
  source: FeedSource;
  /** The salted hash of the editor who added it; absent for `FEEDS`. */
  addedBy?: string;
  /** ISO 8601 instant. */
  addedAt: string;
  state: FeedState;
}

export interface NewFeed {
  url: string;
  source: FeedSource;
  addedBy?: string;
}

/**
 * A feed taken for one poll. Until `saveState` or `expiresAt` no other claim takes it, so each
 * feed is polled by one replica per interval; a claim whose replica died simply expires.
 */
export interface FeedClaim {
  feed: FollowedFeed;
  token: string;
  /** ISO 8601 instant. */
  expiresAt: string;
}

export interface ClaimOptions {
  now: Date;
  /** How long the claim holds: longer than one poll with all its items can take. */
  leaseMs: number;
  limit: number;
  /** Every unclaimed feed, due or not (`npm run feeds -- poll`). */
  all?: boolean;
}

/**
 * The followed feeds and their poll state, behind one interface: files for one process,
 * PostgreSQL for replicas (`src/store/`). Every method throws when the store can't be used.
 */
export interface FeedStore {
  /** In the order they were followed. */
  list(): Promise<FollowedFeed[]>;
  /** Follows a feed, due at once; false when it is already followed. */
  add(feed: NewFeed, now: Date): Promise<boolean>;
  /** Stops following; false when it was not followed. */
  remove(url: string): Promise<boolean>;
  /**
   * Makes the `FEEDS` feeds exactly `urls`: adds the missing ones and drops `config` feeds no
   * longer listed. Feeds added with the command are left as they are.
   */
  syncConfigured(urls: readonly string[], now: Date): Promise<void>;
  /** Takes up to `limit` due, unclaimed feeds, the longest overdue first. */
  claimDue(options: ClaimOptions): Promise<FeedClaim[]>;
  /**
   * Stores a claimed feed's next state and lets the claim go. False when the claim was lost
   * (it expired and another took the feed, or the feed was removed): nothing is written then.
   */
  saveState(claim: FeedClaim, state: FeedState): Promise<boolean>;
}
