import type { SubscriptionStore } from "../../digest/subscriptions.ts";
import type { Pool } from "./pool.ts";

/**
 * Digest subscriptions in PostgreSQL: a channel subscribed through any replica gets its digest
 * from whichever replica posts it. Each change is one statement, so two replicas subscribing
 * the same channel at once add it once. A failed query throws, so the person is told.
 */
export function createPostgresSubscriptionStore(pool: Pool): SubscriptionStore {
  return {
    async list() {
      const result = await pool.query<{ channel: string }>(
        "SELECT channel FROM digest_subscriptions ORDER BY seq",
      );
      return result.rows.map((r) => r.channel);
    },
    async add(channel) {
      const result = await pool.query(
        "INSERT INTO digest_subscriptions (channel) VALUES ($1) ON CONFLICT (channel) DO NOTHING",
        [channel],
      );
      return result.rowCount === 1;
    },
    async remove(channel) {
      const result = await pool.query("DELETE FROM digest_subscriptions WHERE channel = $1", [
        channel,
      ]);
      return result.rowCount === 1;
    },
  };
}
