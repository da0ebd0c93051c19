import pg from "pg";
import type { Logger } from "../../log/logger.ts";

export type { Pool, PoolClient } from "pg";

export interface PoolOptions {
  /** Connections per process; a replica needs few (queries are short). */
  max: number;
  /** How long a query may wait for a connection before it fails. */
  connectionTimeoutMs: number;
  /** How long a statement may run before PostgreSQL cancels it. */
  statementTimeoutMs: number;
  /**
   * How long this process waits for a query's answer before giving up on it: what ends a query
   * sent into a partition (packets dropped, so neither the server's statement timeout nor a
   * closed socket ever comes). A little over the statement timeout.
   */
  queryTimeoutMs: number;
}

export const DEFAULT_POOL_OPTIONS: Readonly<PoolOptions> = {
  max: 5,
  connectionTimeoutMs: 3_000,
  statementTimeoutMs: 10_000,
  queryTimeoutMs: 12_000,
};

/**
 * A connection pool for `url`. A connection that breaks while idle (the server restarted) is
 * logged and replaced on the next query instead of crashing the process, which is what pg does
 * with an unhandled 'error' event.
 */
export function createPool(
  url: string,
  logger: Logger,
  options: Partial<PoolOptions> = {},
): pg.Pool {
  const { max, connectionTimeoutMs, statementTimeoutMs, queryTimeoutMs } = {
    ...DEFAULT_POOL_OPTIONS,
    ...options,
  };
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: connectionTimeoutMs,
    statement_timeout: statementTimeoutMs,
    query_timeout: queryTimeoutMs,
    // A connection whose peer went silent is found out by the kernel, not kept for ever.
    keepAlive: true,
    application_name: "iranpak",
  });
  pool.on("error", (error) => {
    logger.warn(`PostgreSQL connection lost while idle (${error.message}); reconnecting on use`);
  });
  return pool;
}

/** `host:port/database` of a PostgreSQL URL: what a log line may say (no user, no password). */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname === "" ? "local socket" : `${u.hostname}${u.port ? `:${u.port}` : ""}`;
    return `PostgreSQL at ${host}${u.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}
