import type { Logger } from "../../log/logger.ts";
import { within } from "../../util/within.ts";
import { createSeenEvents, DEFAULT_SEEN_EVENTS } from "../memory/seen-events.ts";
import type { SeenEvents } from "../types.ts";
import { DEFAULT_READ_TIMEOUT_MS } from "./fallback.ts";
import type { Pool } from "./pool.ts";

export interface PostgresSeenEventsOptions {
  ttlMs: number;
  /** Expired ids are deleted after this many new ones: a cheap sweep, now and then. */
  sweepEvery: number;
  now: () => number;
  /** How long an event waits on the database before memory decides instead. */
  readTimeoutMs: number;
}

export const DEFAULT_POSTGRES_SEEN_EVENTS_OPTIONS: Readonly<PostgresSeenEventsOptions> = {
  ttlMs: DEFAULT_SEEN_EVENTS.ttlMs,
  sweepEvery: 500,
  now: Date.now,
  readTimeoutMs: DEFAULT_READ_TIMEOUT_MS,
};

/**
 * Event ids in PostgreSQL: one statement inserts an id, or takes it over once it has expired,
 * and says whether it did, so of any number of replicas (and across restarts) one answers an
 * event. When the database can't be reached or is slow (DEFAULT_READ_TIMEOUT_MS), the id is checked in this process's memory instead
 * (logged): answering a retry twice beats answering nothing until the database is back.
 */
export function createPostgresSeenEvents(
  pool: Pool,
  logger: Logger,
  options: Partial<PostgresSeenEventsOptions> = {},
): SeenEvents {
  const { ttlMs, sweepEvery, now, readTimeoutMs } = {
    ...DEFAULT_POSTGRES_SEEN_EVENTS_OPTIONS,
    ...options,
  };
  const fallback = createSeenEvents({ ttlMs, now });
  let taken = 0;
  let failing = false;
  return {
    async firstTime(id) {
      const at = new Date(now());
      const expired = new Date(at.getTime() - ttlMs);
      try {
        const result = await within(
          pool.query(
            `INSERT INTO seen_events (id, seen_at) VALUES ($1, $2)
             ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at
             WHERE seen_events.seen_at <= $3
             RETURNING id`,
            [id, at, expired],
          ),
          readTimeoutMs,
          "PostgreSQL, for event ids",
        );
        if (failing) logger.info("event ids are checked in PostgreSQL again");
        failing = false;
        const first = result.rowCount === 1;
        if (first && ++taken % sweepEvery === 0) {
          pool.query("DELETE FROM seen_events WHERE seen_at <= $1", [expired]).catch(() => {});
        }
        return first;
      } catch (error) {
        if (!failing) {
          logger.error(
            `can't check event ids in PostgreSQL (${(error as Error).message}); checking them in this process only until it answers: a retry reaching another replica may be answered twice`,
          );
        }
        failing = true;
        return fallback.firstTime(id);
      }
    },
  };
}
