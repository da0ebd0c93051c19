import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "vitest";

/**
 * The PostgreSQL server the store tests use: TEST_DATABASE_URL, which
 * `scripts/with-postgres.sh` sets (and .ci/run uses). Without it the PostgreSQL tests are
 * skipped with a message, except under CI, where they fail: CI must really run them.
 */
export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;
const underCi = (process.env.CI ?? "") !== "" && process.env.CI !== "false";

/** Why the PostgreSQL tests are skipped; undefined when they run (or must, under CI). */
export const postgresSkipReason: string | undefined =
  testDatabaseUrl === undefined && !underCi
    ? "no PostgreSQL: TEST_DATABASE_URL is not set, so the PostgreSQL tests are skipped (run `scripts/with-postgres.sh npm test` to run them)"
    : undefined;

if (postgresSkipReason !== undefined) console.warn(postgresSkipReason);

function serverUrl(): string {
  if (testDatabaseUrl === undefined) {
    throw new Error(
      "TEST_DATABASE_URL is not set, and under CI the PostgreSQL tests must run, not be skipped: run the tests through scripts/with-postgres.sh",
    );
  }
  return testDatabaseUrl;
}

/** A URL whose connections work in `schema` (it is first on their search_path). */
export function urlWithSchema(schema: string): string {
  const url = new URL(serverUrl());
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/**
 * A new, empty schema on the test server, so that test files (and tests) can run in parallel;
 * `drop` removes it with everything in it.
 */
export async function createTestSchema(): Promise<{
  schema: string;
  url: string;
  drop(): Promise<void>;
}> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    schema,
    url: urlWithSchema(schema),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A describe block that needs the PostgreSQL server: skipped, with the reason, only outside CI. */
export function describePostgres(name: string, body: () => void): void {
  if (postgresSkipReason === undefined) describe(name, body);
  else describe.skip(`${name}: ${postgresSkipReason}`, body);
}
