import type { Logger } from "../../log/logger.ts";

/** Runs a store's queries, answering from this process's memory while the database can't. */
export interface Fallback {
  attempt<R>(query: () => Promise<R>, instead: () => R | Promise<R>): Promise<R>;
}

/**
 * For state whose loss costs little (a page to retype, a follow-up read alone): when a query
 * fails, `instead` answers and the failure is logged once, with its recovery, rather than the
 * question going unanswered until the database is back.
 */
export function createFallback(logger: Logger, what: string): Fallback {
  let failing = false;
  return {
    async attempt(query, instead) {
      try {
        const result = await query();
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
