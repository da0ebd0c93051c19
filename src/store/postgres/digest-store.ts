import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DigestState, DigestStore } from "../../digest/digest-store.ts";
import type { Logger } from "../../log/logger.ts";
import { snapshotSchema } from "../file/digest-store.ts";
import type { Pool } from "./pool.ts";

const rowSchema = z.object({
  channel: z.string(),
  last_posted_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  posted_at: z.string(),
  ts: z.string().nullable(),
  snapshot: snapshotSchema,
});

/**
 * The digest's state in PostgreSQL. A claim is a row whose primary key is (day, channel): of
 * any number of replicas, the one whose INSERT went in posts. As with the claim files, a claim
 * is only deleted by the post that failed: a replica killed mid-post leaves it, so that day's
 * digest is skipped rather than maybe posted twice, and the next one covers both days.
 */
export function createPostgresDigestStore(pool: Pool, logger: Logger): DigestStore {
  return {
    async read() {
      const result = await pool.query(
        "SELECT channel, last_posted_date, posted_at, ts, snapshot FROM digest_channels",
      );
      const state: DigestState = { channels: {} };
      for (const raw of result.rows) {
        const row = rowSchema.safeParse(raw);
        if (!row.success) {
          // The claims still stop a repeat post today; what is lost is "new since last digest".
          logger.warn(
            `digest state for channel ${String((raw as { channel?: unknown }).channel)} in PostgreSQL is unreadable (${row.error.issues[0]?.message}); its next digest lists the knowledge base as new`,
          );
          continue;
        }
        const { channel, last_posted_date, posted_at, ts, snapshot } = row.data;
        state.channels[channel] = {
          lastPostedDate: last_posted_date,
          postedAt: posted_at,
          ...(ts === null ? {} : { ts }),
          snapshot,
        };
      }
      return state;
    },
    async recordPost(channel, record) {
      await pool.query(
        `INSERT INTO digest_channels (channel, last_posted_date, posted_at, ts, snapshot)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (channel) DO UPDATE SET
           last_posted_date = EXCLUDED.last_posted_date, posted_at = EXCLUDED.posted_at,
           ts = EXCLUDED.ts, snapshot = EXCLUDED.snapshot, updated_at = now()`,
        [
          channel,
          record.lastPostedDate,
          record.postedAt,
          record.ts ?? null,
          JSON.stringify(record.snapshot),
        ],
      );
    },
    async claim(date, channel, options) {
      const token = randomUUID();
      const result = await pool.query(
        options?.force
          ? `INSERT INTO digest_claims (day, channel, token) VALUES ($1, $2, $3)
             ON CONFLICT (day, channel) DO UPDATE SET token = EXCLUDED.token, claimed_at = now()
             RETURNING token`
          : `INSERT INTO digest_claims (day, channel, token) VALUES ($1, $2, $3)
             ON CONFLICT (day, channel) DO NOTHING
             RETURNING token`,
        [date, channel, token],
      );
      if (result.rowCount !== 1) return undefined;
      return {
        // Only this claim: a forced one taken meanwhile by another process stays.
        release: async () => {
          await pool.query(
            "DELETE FROM digest_claims WHERE day = $1 AND channel = $2 AND token = $3",
            [date, channel, token],
          );
        },
      };
    },
    async pruneClaims(date) {
      await pool.query("DELETE FROM digest_claims WHERE day < $1", [date]);
    },
  };
}
