import { randomUUID } from "node:crypto";
import { createFeedState } from "../../feeds/feed-state.ts";
import type { FeedClaim, FeedStore, FollowedFeed } from "../../feeds/feed-store.ts";

/** A followed feed with the claim it is held by, as the in-process stores keep it. */
export interface FeedRecord extends FollowedFeed {
  claim?: { token: string; expiresAt: string };
}

/** Reads and replaces the whole list: an array in memory, or a file. */
export interface FeedRecords {
  read(): FeedRecord[];
  write(records: FeedRecord[]): void;
}

/**
 * The feed store over a list read and written whole: for one process (memory, or a file in
 * DATA_DIR). Each method reads, changes and writes in one synchronous step, so calls in this
 * process never interleave.
 */
export function createListFeedStore(records: FeedRecords): FeedStore {
  const change = <T>(edit: (list: FeedRecord[]) => { list?: FeedRecord[]; result: T }): T => {
    const { list, result } = edit(records.read());
    if (list !== undefined) records.write(list);
    return result;
  };
  return {
    list: async () => records.read().map(withoutClaim),
    async add(feed, now) {
      return change((list) => {
        if (list.some((r) => r.url === feed.url)) return { result: false };
        const record: FeedRecord = {
          url: feed.url,
          source: feed.source,
          ...(feed.addedBy === undefined ? {} : { addedBy: feed.addedBy }),
          addedAt: now.toISOString(),
          state: createFeedState(feed.url, now),
        };
        return { list: [...list, record], result: true };
      });
    },
    async remove(url) {
      return change((list) => {
        const kept = list.filter((r) => r.url !== url);
        return kept.length === list.length ? { result: false } : { list: kept, result: true };
      });
    },
    async syncConfigured(urls, now) {
      change((list) => {
        const kept = list.filter((r) => r.source !== "config" || urls.includes(r.url));
        const known = new Set(kept.map((r) => r.url));
        const added = [...new Set(urls)]
          .filter((url) => !known.has(url))
          .map(
            (url): FeedRecord => ({
              url,
              source: "config",
              addedAt: now.toISOString(),
              state: createFeedState(url, now),
            }),
          );
        // Every start syncs: a list already in step is not rewritten (a file store fsyncs it).
        if (kept.length === list.length && added.length === 0) return { result: undefined };
        return { list: [...kept, ...added], result: undefined };
      });
    },
    async claimDue({ now, leaseMs, limit, all }) {
      return change((list) => {
        const at = now.getTime();
        const free = (r: FeedRecord) =>
          r.claim === undefined || Date.parse(r.claim.expiresAt) <= at;
        const due = list
          .filter((r) => free(r) && (all === true || Date.parse(r.state.nextPollAt) <= at))
          .sort((a, b) => Date.parse(a.state.nextPollAt) - Date.parse(b.state.nextPollAt))
          .slice(0, Math.max(0, limit));
        if (due.length === 0) return { result: [] as FeedClaim[] };
        const expiresAt = new Date(at + leaseMs).toISOString();
        const claims = new Map(due.map((r) => [r.url, { token: randomUUID(), expiresAt }]));
        const next = list.map((r) => {
          const claim = claims.get(r.url);
          return claim === undefined ? r : { ...r, claim };
        });
        const result = due.map((r) => {
          const claim = claims.get(r.url) as { token: string; expiresAt: string };
          return { feed: withoutClaim(r), ...claim };
        });
        return { list: next, result };
      });
    },
    async saveState(claim, state) {
      return change((list) => {
        const index = list.findIndex(
          (r) => r.url === claim.feed.url && r.claim?.token === claim.token,
        );
        if (index === -1) return { result: false };
        const { claim: _released, ...record } = list[index] as FeedRecord;
        const next = [...list];
        next[index] = { ...record, state };
        return { list: next, result: true };
      });
    },
  };
}

function withoutClaim(record: FeedRecord): FollowedFeed {
  const { claim: _claim, ...feed } = record;
  return feed;
}

/** In memory: for tests, tools and the console; shares nothing with another process. */
export function createMemoryFeedStore(): FeedStore {
  let list: FeedRecord[] = [];
  return createListFeedStore({
    read: () => list,
    write: (records) => {
      list = records;
    },
  });
}
