import type { DigestSnapshot } from "./types.ts";

/** What is remembered about a channel's last digest. */
export interface ChannelRecord {
  /** Local date (`YYYY-MM-DD`, in the digest's zone) of the last post. */
  lastPostedDate: string;
  /** ISO instant of the last post: questions after it go into the next digest. */
  postedAt: string;
  /** Slack message timestamp of the last post. */
  ts?: string;
  snapshot: DigestSnapshot;
}

export interface DigestState {
  channels: Record<string, ChannelRecord>;
}

/** A day's right to post in a channel, held by one process. */
export interface Claim {
  /** Gives the day back after a failed post, so the next run tries again. */
  release(): Promise<void>;
}

/**
 * Where the digest remembers what it posted, shared by every process that may post: files in
 * DATA_DIR (`createDigestStore`) or PostgreSQL (src/store). A claim taken and never followed by
 * `recordPost` (the process died mid-post) keeps the day: that channel gets no digest that day,
 * never two, and the next digest covers everything since the last recorded one.
 */
export interface DigestStore {
  /** The state now; a corrupt record reads as absent, with a warning. */
  read(): Promise<DigestState>;
  /** Records a post for one channel, keeping what other processes wrote for other channels. */
  recordPost(channel: string, record: ChannelRecord): Promise<void>;
  /**
   * Claims `date` for `channel`: of any number of processes sharing the store, one gets the
   * claim and the others undefined, until it is released. `force` always claims.
   */
  claim(date: string, channel: string, options?: { force?: boolean }): Promise<Claim | undefined>;
  /** Deletes claims for dates before `date`. */
  pruneClaims(date: string): Promise<void>;
}
