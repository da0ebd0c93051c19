import { randomUUID } from "node:crypto";
import { createFeedState } from "../../feeds/feed-state.ts";
import type { FeedClaim, FeedStore, FollowedFeed } from "../../feeds/feed-store.ts";
import type { FeedState } from "../../feeds/types.ts";
import type { Pool } from "./pool.ts";

interface FeedRow {
  url: string;
  source: FollowedFeed["source"];
  added_by: string | null;
  added_at: Date;
  state: FeedState;
}

const COLUMNS = "url, source, added_by, added_at, state";

/**
 * Followed feeds in PostgreSQL, shared by every replica. A claim is one statement: the due
 * rows are locked with `FOR UPDATE SKIP LOCKED`, so two replicas claiming at once take
 * different feeds, and stamped with a token and an expiry, so each feed is polled by one
 * replica per interval and a replica that dies mid-poll holds its feeds only until the expiry.
 */
export function createPostgresFeedStore(pool: Pool): FeedStore {
  return {
    async list() {
      const result = await pool.query<FeedRow>(`SELECT ${COLUMNS} FROM feeds ORDER BY seq`);
      return result.rows.map(toFeed);
    },
    async add(feed, now) {
      const state = createFeedState(feed.url, now);
      const result = await pool.query(
        `INSERT INTO feeds (url, source, added_by, added_at, state, next_poll_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (url) DO NOTHING`,
        [feed.url, feed.source, feed.addedBy ?? null, now, state, state.nextPollAt],
      );
      return result.rowCount === 1;
    },
    async remove(url) {
      const result = await pool.query("DELETE FROM feeds WHERE url = $1", [url]);
      return result.rowCount === 1;
    },
    async syncConfigured(urls, now) {
      const unique = [...new Set(urls)];
      const states = unique.map((url) => createFeedState(url, now));
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query(
          "DELETE FROM feeds WHERE source = 'config' AND NOT (url = ANY($1::text[]))",
          [unique],
        );
        await client.query(
          `INSERT INTO feeds (url, source, added_at, state, next_poll_at)
           SELECT u, 'config', $2, s, $3 FROM unnest($1::text[], $4::jsonb[]) AS x(u, s)
           ON CONFLICT (url) DO NOTHING`,
          [unique, now, now, states.map((s) => JSON.stringify(s))],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async claimDue({ now, leaseMs, limit, all }) {
      const token = randomUUID();
      const expiresAt = new Date(now.getTime() + leaseMs);
      const result = await pool.query<FeedRow>(
        `UPDATE feeds SET claim_token = $1, claimed_until = $2
         WHERE url IN (
           SELECT url FROM feeds
           WHERE (claimed_until IS NULL OR claimed_until <= $3) AND ($5 OR next_poll_at <= $3)
           ORDER BY next_poll_at LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [token, expiresAt, now, Math.max(0, limit), all === true],
      );
      return result.rows
        .map((row): FeedClaim => ({ feed: toFeed(row), token, expiresAt: expiresAt.toISOString() }))
        .sort((a, b) => Date.parse(a.feed.state.nextPollAt) - Date.parse(b.feed.state.nextPollAt));
    },
    async saveState(claim, state) {
      const result = await pool.query(
        `UPDATE feeds SET state = $3, next_poll_at = $4, claim_token = NULL, claimed_until = NULL
         WHERE url = $1 AND claim_token = $2`,
        [claim.feed.url, claim.token, state, state.nextPollAt],
      );
      return result.rowCount === 1;
    },
  };
}

function toFeed(row: FeedRow): FollowedFeed {
  return {
    url: row.url,
    source: row.source,
    ...(row.added_by === null ? {} : { addedBy: row.added_by }),
    addedAt: row.added_at.toISOString(),
    state: row.state,
  };
}
