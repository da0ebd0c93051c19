import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe } from "vitest";
import type { Logger } from "../../src/log/logger.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { migrate } from "../../src/store/postgres/migrate.ts";
import { MIGRATIONS } from "../../src/store/postgres/migrations.ts";
import { createPool, type Pool } from "../../src/store/postgres/pool.ts";
import { createTestSchema, postgresSkipReason } from "./postgres.ts";

/** Where one test's state lives: a fresh DATA_DIR, or a fresh migrated schema. */
export type Place =
  | { kind: "file"; dataDir: string; logger: Logger }
  | { kind: "postgres"; pool: Pool; url: string; logger: Logger };

/** How to open the store under test on each kind of place. */
export interface MakeStore<S> {
  file(place: Extract<Place, { kind: "file" }>): S | Promise<S>;
  postgres(place: Extract<Place, { kind: "postgres" }>): S | Promise<S>;
  /** Called on every store opened, after the test (flush, stop timers). */
  close?(store: S): Promise<unknown> | undefined;
  /**
   * What the embedded implementation keeps its state in, for the test names: "files" (the
   * default) or "memory", where each `open()` is a process of its own that shares nothing.
   */
  embedded?: "files" | "memory";
}

export interface StoreHarness<S> {
  readonly kind: Place["kind"];
  /** Whether stores opened with `open()` share their state (false for memory stores). */
  readonly shared: boolean;
  /**
   * Opens the store on this test's state. Each call is another process's view of the same
   * state: a second replica, or the first one after a restart. (PostgreSQL: its own pool.)
   */
  open(): Promise<S>;
  /** Everything the store wrote, as text: to check what is (not) kept. */
  dump(): Promise<string>;
  /** PostgreSQL only: the URL of this test's schema, for a connection of the test's own. */
  databaseUrl(): string;
}

/**
 * Runs the same contract against both implementations of a store: the embedded one (files in
 * a temporary DATA_DIR, or memory: see `embedded`) and PostgreSQL (a schema of its own per test). The
 * PostgreSQL half is skipped, with the reason in its name, only when no server is configured
 * outside CI.
 */
export function describeStoreContract<S>(
  name: string,
  makeStore: MakeStore<S>,
  contract: (harness: StoreHarness<S>) => void,
): void {
  const embedded = makeStore.embedded ?? "files";
  describe(`${name} (${embedded})`, () => {
    let dataDir = "";
    const opened: S[] = [];
    beforeEach(async () => {
      dataDir = await mkdtemp(join(tmpdir(), "iranpak-store-"));
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await makeStore.close?.(store);
      await rm(dataDir, { recursive: true, force: true });
    });
    contract({
      kind: "file",
      shared: embedded === "files",
      async open() {
        const store = await makeStore.file({ kind: "file", dataDir, logger: silentLogger });
        opened.push(store);
        return store;
      },
      async dump() {
        const names = await readdir(dataDir, { recursive: true }).catch(() => []);
        const texts = await Promise.all(
          names.map((n) => readFile(join(dataDir, n), "utf8").catch(() => "")),
        );
        return [...names, ...texts].join("\n");
      },
      databaseUrl() {
        throw new Error("a file store has no database");
      },
    });
  });

  const postgres = postgresSkipReason === undefined ? describe : describe.skip;
  postgres(`${name} (PostgreSQL)${postgresSkipReason ? `: ${postgresSkipReason}` : ""}`, () => {
    let schema: Awaited<ReturnType<typeof createTestSchema>> | undefined;
    const pools: Pool[] = [];
    const opened: S[] = [];
    const pool = () => {
      const p = createPool((schema as { url: string }).url, silentLogger, { max: 3 });
      pools.push(p);
      return p;
    };
    beforeEach(async () => {
      schema = await createTestSchema();
      await migrate(pool(), MIGRATIONS, silentLogger);
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await makeStore.close?.(store);
      for (const p of pools.splice(0)) await p.end();
      await schema?.drop();
    });
    contract({
      kind: "postgres",
      shared: true,
      async open() {
        const url = (schema as { url: string }).url;
        const store = await makeStore.postgres({
          kind: "postgres",
          pool: pool(),
          url,
          logger: silentLogger,
        });
        opened.push(store);
        return store;
      },
      async dump() {
        const p = pools[0] as Pool;
        const tables = await p.query<{ t: string }>(
          "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()",
        );
        const parts: string[] = [];
        for (const { t } of tables.rows) {
          const rows = await p.query(`SELECT row_to_json(x)::text AS j FROM ${t} x`);
          parts.push(t, ...rows.rows.map((r) => r.j as string));
        }
        return parts.join("\n");
      },
      databaseUrl: () => (schema as { url: string }).url,
    });
  });
}
