import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { AddedFrom, NewArticle } from "../../src/ingest/article-store.ts";
import { fingerprintArticle } from "../../src/ingest/duplicates.ts";
import { openArticleFiles } from "../../src/store/file/article-store.ts";
import { createMemoryArticleStore } from "../../src/store/memory/article-store.ts";
import { createPostgresArticleStore } from "../../src/store/postgres/article-store.ts";
import { newArticle } from "../helpers/new-article.ts";
import { describeStoreContract } from "./contract.ts";

function article(id: string, body?: string, addedFrom: AddedFrom = { kind: "hand" }): NewArticle {
  return newArticle(id, { addedFrom, ...(body === undefined ? {} : { body }) });
}

/** The last file store's DATA_DIR, for the test that rewrites its ledger as an older one was. */
let placeDir = "";

for (const embedded of ["files", "memory"] as const) {
  describeStoreContract(
    `added articles, ${embedded} beside`,
    {
      embedded,
      file: ({ dataDir }) => {
        placeDir = dataDir;
        return embedded === "memory"
          ? createMemoryArticleStore()
          : openArticleFiles({ folder: join(dataDir, "knowledge", "added"), dataDir });
      },
      postgres: ({ pool }) => createPostgresArticleStore(pool),
    },
    ({ open, shared, kind }) => {
      it("lists an added article with its summary and fingerprint, for every process", async () => {
        const a = await open();
        expect(await a.add(article("one"))).toBe(true);
        const reader = shared ? await open() : a;
        const [stored] = await reader.list();
        expect(stored?.summary.id).toBe("one");
        expect(stored?.fingerprint.textHash).toBe("hash-one");
        expect(stored?.alsoPublishedBy).toEqual([]);
      });

      it("keeps where each article came from, a feed's address or a person, for every process", async () => {
        const a = await open();
        const feedUrl = "https://www.dawn.com/feeds/home";
        await a.add(article("one", "One.", { kind: "feed", feedUrl }));
        await a.add(article("two"));
        const reader = shared ? await open() : a;
        expect((await reader.list()).map((s) => [s.summary.id, s.addedFrom])).toEqual([
          ["one", { kind: "feed", feedUrl }],
          ["two", { kind: "hand" }],
        ]);
        expect((await a.remove("one"))?.addedFrom).toEqual({ kind: "feed", feedUrl });
      });

      it("adds an id already stored once, and says so", async () => {
        const a = await open();
        expect(await a.add(article("one"))).toBe(true);
        expect(await a.add(article("one"))).toBe(false);
        expect(await a.list()).toHaveLength(1);
      });

      it("removes by id or by address, tombstoning the address", async () => {
        const a = await open();
        await a.add(article("one"));
        await a.add(article("two"));
        expect((await a.remove("one"))?.summary.id).toBe("one");
        expect((await a.remove("https://dawn.com/two"))?.summary.id).toBe("two");
        expect(await a.remove("one")).toBeUndefined();
        expect(await a.list()).toEqual([]);
        expect(await a.isRemoved("https://dawn.com/one")).toBe(true);
        expect(await a.isRemoved("https://dawn.com/three")).toBe(false);
      });

      it("records each other publisher of the same story once", async () => {
        const a = await open();
        await a.add(article("one"));
        await a.recordAlsoPublishedBy("one", "Reuters");
        await a.recordAlsoPublishedBy("one", "Reuters");
        await a.recordAlsoPublishedBy("one", "AP");
        expect((await a.list())[0]?.alsoPublishedBy).toEqual(["Reuters", "AP"]);
      });

      it("finds a duplicate by normalised address, by body hash and as a near-duplicate, until removed", async () => {
        const a = await open();
        const near = fingerprintArticle([
          "the border markets at Taftan reopened on Monday after talks",
        ]);
        const one = article("one");
        await a.add({ ...one, fingerprint: near });
        await a.add(article("two"));
        const reader = shared ? await open() : a;
        const byUrl = await reader.findDuplicate({ url: "https://dawn.com/one?utm_source=rss" });
        expect([byUrl?.kind, byUrl?.match.id]).toEqual(["same-url", "one"]);
        const byText = await reader.findDuplicate({
          url: "https://elsewhere.example/two",
          fingerprint: { textHash: "hash-two", minHash: "" },
        });
        expect([byText?.kind, byText?.match.id]).toEqual(["same-text", "two"]);
        const wire = fingerprintArticle([
          "the border markets at Taftan reopened on Monday after talks, officials said",
        ]);
        const byMinHash = await reader.findDuplicate({ fingerprint: wire });
        expect([byMinHash?.kind, byMinHash?.match.id]).toEqual(["near-duplicate", "one"]);
        await a.remove("one");
        expect(
          await (shared ? await open() : a).findDuplicate({ fingerprint: wire }),
        ).toBeUndefined();
        expect(await reader.findDuplicate({ fingerprint: wire })).toBeUndefined();
      });

      if (shared) {
        it("sees what another process added and removed after its own first read", async () => {
          const a = await open();
          const b = await open();
          await a.add(article("one"));
          expect(await b.list()).toHaveLength(1);
          await a.add(article("two"));
          await a.recordAlsoPublishedBy("two", "Reuters");
          expect((await b.findDuplicate({ url: "https://dawn.com/two" }))?.match.id).toBe("two");
          expect((await b.list()).map((s) => [s.summary.id, s.alsoPublishedBy])).toEqual([
            ["one", []],
            ["two", ["Reuters"]],
          ]);
          await a.remove("one");
          expect(await b.isRemoved("https://dawn.com/one")).toBe(true);
          expect(await b.add(article("three"))).toBe(true);
          const changes = await a.changesSince(0);
          expect(changes.map((c) => c.id)).toEqual(["two", "three"]);
          expect(new Set(changes.map((c) => c.seq)).size).toBe(2);
        });
      }

      it("gives the changes after a sequence number, in order, with each article's file", async () => {
        const a = await open();
        await a.add(article("one"));
        const start = await a.changesSince(0);
        expect(start.map((c) => [c.kind, c.id])).toEqual([["added", "one"]]);
        expect(start[0]?.kind === "added" && start[0].text).toContain("Body of one.");
        const seen = start[0]?.seq ?? 0;
        await a.add(article("two"));
        await a.remove("one");
        const later = await (shared ? await open() : a).changesSince(seen);
        expect(later.map((c) => [c.kind, c.id])).toEqual([
          ["added", "two"],
          ["removed", "one"],
        ]);
        expect((await a.changesSince(0)).map((c) => c.id)).toEqual(["two"]);
      });

      if (kind === "file" && embedded === "files") {
        it("writes each article as a Markdown file under the knowledge folder, and removes it", async () => {
          const a = await open();
          await a.add(article("one"));
          const folder = (await a.changesSince(0))[0];
          expect(folder?.fileName).toBe("one.md");
          await a.remove("one");
          expect(await a.changesSince(0)).toEqual([]);
        });

        it("appends each change to the ledger rather than rewriting it", async () => {
          const a = await open();
          await a.add(article("one"));
          const ledgerPath = join(placeDir, "added-articles.json");
          const before = readFileSync(ledgerPath, "utf8");
          await a.add(article("two"));
          await a.remove("one");
          const after = readFileSync(ledgerPath, "utf8");
          expect(after.startsWith(before)).toBe(true);
          expect(after.slice(before.length).trim().split("\n")).toHaveLength(2);
        });

        it("reads the ledger whole again when another process replaced it", async () => {
          const a = await open();
          await a.add(article("one"));
          await a.add(article("two"));
          expect(await a.list()).toHaveLength(2);
          const ledgerPath = join(placeDir, "added-articles.json");
          const [, first] = readFileSync(ledgerPath, "utf8").trim().split("\n");
          const only = JSON.parse(first ?? "").add;
          writeFileSync(
            `${ledgerPath}.new`,
            JSON.stringify({ seq: 1, articles: [only], tombstones: [] }),
          );
          renameSync(`${ledgerPath}.new`, ledgerPath);
          expect((await a.list()).map((s) => s.summary.id)).toEqual(["one"]);
          expect(await a.findDuplicate({ url: "https://dawn.com/two" })).toBeUndefined();
        });

        it("reads where an article came from in its file when the ledger is older than that", async () => {
          const a = await open();
          const feedText =
            "---\nid: one\ntitle: One\nadded_by: feed https://dawn.com/rss\n---\n\nOne.\n";
          await a.add(article("one", "One."));
          await a.add(article("two"));
          const folder = join(placeDir, "knowledge", "added");
          writeFileSync(join(folder, "one.md"), feedText);
          const ledgerPath = join(placeDir, "added-articles.json");
          // The older ledger: one JSON object, rewritten whole on every change.
          const [, ...changes] = readFileSync(ledgerPath, "utf8").trim().split("\n");
          const articles = changes.map((line) => JSON.parse(line).add);
          for (const entry of articles) delete entry.addedFrom;
          writeFileSync(ledgerPath, JSON.stringify({ seq: 2, articles, tombstones: [] }));
          expect((await (await open()).list()).map((s) => s.addedFrom)).toEqual([
            { kind: "feed", feedUrl: "https://dawn.com/rss" },
            { kind: "hand" },
          ]);
        });
      }
    },
  );
}
