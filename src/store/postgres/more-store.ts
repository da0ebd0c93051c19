import {
  DEFAULT_MORE_OPTIONS,
  keptPage,
  type LastQuestion,
  type MoreStore,
} from "../../conversation/more-store.ts";
import type { Logger } from "../../log/logger.ts";
import { createMemoryMoreStore } from "../memory/more-store.ts";
import { createExpirySweep, createFallback, createWriteBehind, newerOf } from "./fallback.ts";
import type { Pool } from "./pool.ts";

export interface PostgresExpiringOptions {
  /** How long an entry is fresh; it is kept twice that, so "expired" can be told from "none". */
  ttlMs: number;
  /** Expired rows are deleted before a write at most this often. */
  sweepEveryMs: number;
  now: () => Date;
}

export const DEFAULT_POSTGRES_MORE_OPTIONS: Readonly<PostgresExpiringOptions> = {
  ttlMs: DEFAULT_MORE_OPTIONS.ttlMs,
  sweepEveryMs: 60_000,
  now: () => new Date(),
};

/**
 * `/iranpak more` pages in PostgreSQL, so a page asked of any replica follows the question
 * asked of another: one row per person (a salted hash) and channel, replaced on each page. Kept
 * twice the ttl, like the memory store, then deleted. When the database can't be reached or is
 * slow (DEFAULT_READ_TIMEOUT_MS), this process's memory answers (logged); writes go behind the
 * answer (`createWriteBehind`).
 */
export function createPostgresMoreStore(
  pool: Pool,
  logger: Logger,
  options: Partial<PostgresExpiringOptions> = {},
): MoreStore {
  const { ttlMs, sweepEveryMs, now } = { ...DEFAULT_POSTGRES_MORE_OPTIONS, ...options };
  const retainMs = 2 * ttlMs;
  const memory = createMemoryMoreStore({ ttlMs, now });
  const fallback = createFallback(logger, "`/iranpak more` pages");
  const behind = createWriteBehind(logger, "`/iranpak more` pages");
  const sweep = createExpirySweep((sql, values) => pool.query(sql, values), "more_pages", {
    now,
    everyMs: sweepEveryMs,
  });
  return {
    get: async (key) =>
      newerOf(
        await memory.get(key),
        await fallback.attempt(
          async () => {
            const result = await pool.query<LastQuestion>(
              `SELECT question, next, at FROM more_pages
             WHERE channel = $1 AND asker = $2 AND expires_at > $3`,
              [key.channel, key.asker, now()],
            );
            const row = result.rows[0];
            return row === undefined
              ? undefined
              : { question: row.question, next: row.next, at: row.at };
          },
          () => undefined,
        ),
      ),
    async set(key, page) {
      const last = keptPage(page);
      // Also in memory: what this process answers from if the database goes away.
      await memory.set(key, last);
      await behind.push(`${key.channel}\n${key.asker}`, async () => {
        await sweep();
        const at = now();
        await pool.query(
          `INSERT INTO more_pages (channel, asker, question, next, at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (channel, asker) DO UPDATE SET question = EXCLUDED.question,
               next = EXCLUDED.next, at = EXCLUDED.at, expires_at = EXCLUDED.expires_at`,
          [
            key.channel,
            key.asker,
            last.question,
            last.next,
            last.at,
            new Date(at.getTime() + retainMs),
          ],
        );
      });
    },
  };
}
