import type { Logger } from "../../log/logger.ts";
import type { Pool } from "./pool.ts";

/** One numbered step of the schema; applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Brings the schema (the first schema on the search_path) up to the last of `migrations`,
 * recording each in `schema_migrations`. Replicas starting at once take turns on an advisory
 * lock (per schema): the first applies what is missing, the others find it done. A database
 * migrated by a newer iranpak is left alone, with a warning (steps only ever add).
 * Returns the versions applied.
 */
export async function migrate(
  pool: Pool,
  migrations: readonly Migration[],
  logger: Logger,
): Promise<number[]> {
  const client = await pool.connect();
  const lock = "hashtext('iranpak schema migrations ' || coalesce(current_schema(), ''))";
  const applied: number[] = [];
  try {
    await client.query(`SELECT pg_advisory_lock(${lock})`);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
      const versions = new Set(done.rows.map((r) => r.version));
      const ordered = [...migrations].sort((a, b) => a.version - b.version);
      for (const migration of ordered) {
        if (versions.has(migration.version)) continue;
        try {
          await client.query("BEGIN");
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw new Error(
            `database migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
            { cause: error },
          );
        }
        applied.push(migration.version);
        logger.info(`database migration ${migration.version} (${migration.name}) applied`);
      }
      const known = Math.max(0, ...ordered.map((m) => m.version));
      const newest = Math.max(0, ...versions);
      if (newest > known) {
        logger.warn(
          `the database schema is at version ${newest}, newer than this iranpak knows (${known}): a newer version migrated it; this one carries on with the tables it knows`,
        );
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${lock})`).catch(() => {});
    }
  } finally {
    client.release();
  }
  return applied;
}
