import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { silentLogger } from "../../src/log/logger.ts";
import { openPostgresStores } from "../../src/store/postgres/stores.ts";
import type { Stores } from "../../src/store/types.ts";
import { newArticle } from "../helpers/new-article.ts";
import { createTestSchema, describePostgres } from "./postgres.ts";

const article = (id: string) => newArticle(id);

/** Resolves once `check` holds, polling; fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describePostgres("added articles served by every replica (PostgreSQL)", () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let root: string;
  const opened: Stores[] = [];
  const replica = async (name: string) => {
    const stores = await openPostgresStores({
      url: schema.url,
      logger: silentLogger,
      articleFolder: join(root, name, "added"),
      // Long enough that only the notice can explain a copy within the test's wait.
      articlePollMs: 60_000,
    });
    opened.push(stores);
    return stores;
  };
  const files = (name: string) => readdir(join(root, name, "added")).catch(() => [] as string[]);

  beforeEach(async () => {
    schema = await createTestSchema();
    root = await mkdtemp(join(tmpdir(), "iranpak-copies-"));
  });
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
    await schema.drop();
    await rm(root, { recursive: true, force: true });
  });

  it("copies an article added through one replica into another's knowledge folder, woken by NOTIFY", async () => {
    const [a, b] = [await replica("a"), await replica("b")];
    let reloads = 0;
    await b.serveArticles(() => {
      reloads += 1;
    });
    await a.articles.add(article("one"));
    await eventually(async () => (await files("b")).includes("one.md"), 5_000);
    expect(await readFile(join(root, "b", "added", "one.md"), "utf8")).toContain("Body of one.");
    expect(reloads).toBeGreaterThan(0);
    await a.articles.remove("one");
    await eventually(async () => !(await files("b")).includes("one.md"), 5_000);
  });

  it("catches up at start on what was added and removed while it was away", async () => {
    const a = await replica("a");
    await a.articles.add(article("kept"));
    await a.articles.add(article("gone"));
    await a.articles.remove("gone");
    const b = await replica("b");
    await b.serveArticles(() => {});
    expect((await files("b")).sort()).toEqual(["kept.md"]);
  });
});
