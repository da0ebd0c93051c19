import { expect, test } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";
import { describeDatabase } from "../../src/store/postgres/pool.ts";

test("DATABASE_URL is optional: without it (or blank) the state stays in DATA_DIR", () => {
  expect(parseConfig({}).databaseUrl).toBeUndefined();
  expect(parseConfig({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  expect(parseConfig({ DATABASE_URL: "postgres://u:p@db:5432/iranpak" }).databaseUrl).toBe(
    "postgres://u:p@db:5432/iranpak",
  );
  expect(parseConfig({ DATABASE_URL: "postgresql://db/iranpak" }).databaseUrl).toBe(
    "postgresql://db/iranpak",
  );
});

test("a DATABASE_URL that is not a PostgreSQL URL stops start-up, naming the variable", () => {
  expect(() => parseConfig({ DATABASE_URL: "mysql://db/iranpak" })).toThrow(ConfigError);
  expect(() => parseConfig({ DATABASE_URL: "mysql://db/iranpak" })).toThrow(
    /DATABASE_URL: must be a PostgreSQL URL/,
  );
});

test("the database is named in logs without its user or password", () => {
  expect(describeDatabase("postgres://iranpak:s3cret@db.example:5432/iranpak")).toBe(
    "PostgreSQL at db.example:5432/iranpak",
  );
  expect(describeDatabase("postgres://iranpak:s3cret@db.example:5432/iranpak")).not.toContain(
    "s3cret",
  );
});
