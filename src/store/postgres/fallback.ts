import type { Logger } from "../../log/logger.ts";
import { within } from "../../util/within.ts";

/**
 * How long an answer waits on a read before this process's memory answers instead: a database
 * behind a partition never says no, and a question must not wait for it.
 */
export const DEFAULT_READ_TIMEOUT_MS = 500;

/** Writes waiting to go behind the answers, at most; past it the oldest are dropped (logged). */
export const DEFAULT_MAX_WRITES_BEHIND = 1_000;

/** Runs a store's queries, answering from this process's memory while the database can't. */
export interface Fallback {
  attempt<R>(query: () => Promise<R>, instead: () => R | Promise<R>): Promise<R>;
}

/**
 * For state whose loss costs little (a page to retype, a follow-up read alone): when a query
 * fails or takes longer than `timeoutMs`, `instead` answers and the failure is logged once,
 * with its recovery, rather than the question going unanswered until the database is back.
 */
export function createFallback(
  logger: Logger,
  what: string,
  timeoutMs: number = DEFAULT_READ_TIMEOUT_MS,
): Fallback {
  let failing = false;
  return {
    async attempt(query, instead) {
      try {
        const result = await within(query(), timeoutMs, `PostgreSQL, for ${what}`);
        if (failing) logger.info(`${what} are kept in PostgreSQL again`);
        failing = false;
        return result;
      } catch (error) {
        if (!failing) {
          logger.error(
            `can't keep ${what} in PostgreSQL (${(error as Error).message}); keeping them in this process only until it answers: another replica won't see them`,
          );
        }
        failing = true;
        return instead();
      }
    },
  };
}

/**
 * Writes that go behind the answer, one at a time, the latest per key only: the answer need not
 * wait for them (`push`'s promise settles once the write is done, failed, replaced or dropped,
 * and never rejects). While the database is away they wait, at most `maxPending` of them; past
 * that the oldest are dropped with a log line (this process's memory still has them). A write
 * that fails is logged once per outage and not retried: what it kept is cheap to lose.
 */
export function createWriteBehind(
  logger: Logger,
  what: string,
  maxPending: number = DEFAULT_MAX_WRITES_BEHIND,
): { push(key: string, write: () => Promise<void>): Promise<void> } {
  const pending = new Map<string, { write: () => Promise<void>; done: () => void }>();
  let failing = false;
  let dropped = 0;
  let running = false;
  const drain = async () => {
    running = true;
    for (;;) {
      const next = pending.entries().next();
      if (next.done) break;
      const [key, { write, done }] = next.value;
      pending.delete(key);
      try {
        await write();
        if (failing) logger.info(`${what} are written to PostgreSQL again`);
        failing = false;
      } catch (error) {
        if (!failing) {
          logger.error(
            `can't write ${what} to PostgreSQL (${(error as Error).message}); they are kept in this process only until it answers`,
          );
        }
        failing = true;
      }
      done();
    }
    running = false;
  };
  return {
    push(key, write) {
      return new Promise<void>((done) => {
        pending.get(key)?.done();
        pending.delete(key);
        pending.set(key, { write, done });
        if (pending.size > maxPending) {
          const [oldest, entry] = pending.entries().next().value as [string, { done: () => void }];
          pending.delete(oldest);
          entry.done();
          if (dropped++ % maxPending === 0) {
            logger.warn(
              `more than ${maxPending} writes of ${what} wait for PostgreSQL: the oldest are dropped (${dropped} so far); this process still has them in memory`,
            );
          }
        }
        if (!running) void drain();
      });
    },
  };
}

/**
 * The later of this process's own entry and the database's: a write of this process may still
 * be behind the answer (or have failed), and another replica's may be newer than it.
 */
export function newerOf<T extends { at: Date }>(
  mine: T | undefined,
  shared: T | undefined,
): T | undefined {
  if (mine === undefined || shared === undefined) return mine ?? shared;
  return shared.at.getTime() > mine.at.getTime() ? shared : mine;
}

/**
 * Deletes `table`'s rows past their `expires_at`, at most once every `everyMs`: called before a
 * write, so what has expired is gone soon after (reads ignore it meanwhile) without a timer.
 */
export function createExpirySweep(
  run: (sql: string, values: unknown[]) => Promise<unknown>,
  table: "more_pages" | "conversation_turns",
  options: { now: () => Date; everyMs: number },
): () => Promise<void> {
  let last = Number.NEGATIVE_INFINITY;
  return async () => {
    const now = options.now();
    if (now.getTime() - last < options.everyMs) return;
    last = now.getTime();
    await run(`DELETE FROM ${table} WHERE expires_at <= $1`, [now]);
  };
}
