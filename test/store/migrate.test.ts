import { afterEach, beforeEach, expect, it, test } from "vitest";
import { IranpakError } from "../../src/errors.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { createStores } from "../../src/store/create-stores.ts";
import { type Migration, migrate } from "../../src/store/postgres/migrate.ts";
import { MIGRATIONS } from "../../src/store/postgres/migrations.ts";
import { createPool, type Pool } from "../../src/store/postgres/pool.ts";
import { recordingLogger } from "../digest/fixtures.ts";
import { createTestSchema, describePostgres } from "./postgres.ts";

describePostgres("migrate", () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  const pools: Pool[] = [];
  const pool = () => {
    const p = createPool(schema.url, silentLogger, { max: 2 });
    pools.push(p);
    return p;
  };
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    for (const p of pools.splice(0)) await p.end();
    await schema.drop();
  });

  const versions = async (p: Pool) =>
    (await p.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map(
      (r) => r.version,
    );

  it("applies each migration once when four replicas start at the same moment", async () => {
    const replicas = Array.from({ length: 4 }, pool);
    const applied = await Promise.all(replicas.map((p) => migrate(p, MIGRATIONS, silentLogger)));
    const all = MIGRATIONS.map((m) => m.version);
    expect(applied.filter((a) => a.length > 0)).toEqual([all]);
    expect(await versions(pool())).toEqual(all);
    expect(await migrate(pool(), MIGRATIONS, silentLogger)).toEqual([]);
  });

  it("applies new steps on a later start, and rolls a failing step back, naming it", async () => {
    const first: Migration = { version: 1, name: "a", sql: "CREATE TABLE a (x int)" };
    const second: Migration = { version: 2, name: "b", sql: "CREATE TABLE b (x int)" };
    const broken: Migration = {
      version: 3,
      name: "broken",
      sql: "CREATE TABLE c (x int); SELECT no_such_column FROM a",
    };
    expect(await migrate(pool(), [first], silentLogger)).toEqual([1]);
    expect(await migrate(pool(), [first, second], silentLogger)).toEqual([2]);
    await expect(migrate(pool(), [first, second, broken], silentLogger)).rejects.toThrow(
      /database migration 3 \(broken\) failed: column "no_such_column" does not exist/,
    );
    expect(await versions(pool())).toEqual([1, 2]);
    const tables = await pool().query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(["a", "b", "schema_migrations"]);
  });

  it("reads where each article came from in the files of articles stored before step 5", async () => {
    const p = pool();
    await migrate(p, MIGRATIONS.slice(0, 4), silentLogger);
    const insert = (id: string, addedBy: string) =>
      p.query(
        `INSERT INTO articles (id, url, summary, text_hash, minhash, file_name, body)
         VALUES ($1, $2, '{}', 'h', '', $3, $4)`,
        [
          id,
          `https://dawn.com/${id}`,
          `${id}.md`,
          `---\nid: ${id}\nadded_by: ${addedBy}\ntext_hash: h\n---\n\nBody.\n`,
        ],
      );
    await insert("from-feed", "feed https://www.dawn.com/feeds/home");
    await insert("by-hand", "0a1b.2c3d");
    await migrate(p, MIGRATIONS, silentLogger);
    const rows = await p.query("SELECT id, added_from FROM articles ORDER BY id");
    expect(rows.rows).toEqual([
      { id: "by-hand", added_from: { kind: "hand" } },
      { id: "from-feed", added_from: { kind: "feed", feedUrl: "https://www.dawn.com/feeds/home" } },
    ]);
  });

  it("leaves a database a newer version migrated alone, with a warning", async () => {
    const first: Migration = { version: 1, name: "a", sql: "CREATE TABLE a (x int)" };
    const second: Migration = { version: 2, name: "b", sql: "CREATE TABLE b (x int)" };
    await migrate(pool(), [first, second], silentLogger);
    const logger = recordingLogger();
    expect(await migrate(pool(), [first], logger)).toEqual([]);
    expect(logger.warnings[0]).toMatch(
      /schema is at version 2, newer than this iranpak knows \(1\)/,
    );
  });
});

test("a database that can't be reached stops start-up, naming DATABASE_URL but not the password", async () => {
  const attempt = createStores(
    {
      dataDir: "unused",
      databaseUrl: "postgres://iranpak:s3cret@127.0.0.1:1/iranpak",
    },
    { logger: silentLogger },
  );
  await expect(attempt).rejects.toBeInstanceOf(IranpakError);
  await expect(attempt).rejects.toThrow(
    /^DATABASE_URL: can't use PostgreSQL at 127\.0\.0\.1:1\/iranpak: .*ECONNREFUSED/,
  );
  await expect(attempt).rejects.not.toThrow(/s3cret/);
});
