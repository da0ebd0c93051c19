import { expect, it } from "vitest";
import { findNextPage } from "../../src/conversation/more-store.ts";
import { createMemoryMoreStore } from "../../src/store/memory/more-store.ts";
import { createPostgresMoreStore } from "../../src/store/postgres/more-store.ts";
import { describeStoreContract } from "./contract.ts";

const HOUR = 3_600_000;
const start = new Date("2026-11-27T09:00:00Z");
let now = start;
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
  return now;
};
const key = { asker: "a1b2c3d4.0011223344556677", channel: "C0PAGE" };
const options = { ttlMs: HOUR, now: () => now };

describeStoreContract(
  "more pages",
  {
    embedded: "memory",
    file: () => createMemoryMoreStore(options),
    postgres: ({ pool, logger }) => createPostgresMoreStore(pool, logger, options),
  },
  ({ kind, shared, open, dump }) => {
    it("pages a question from where its last page stopped until the ttl, then calls it expired", async () => {
      now = start;
      const store = await open();
      expect(await findNextPage(store, key, now)).toEqual({ kind: "none" });
      await store.set(key, { question: "pipeline", next: 3, at: now });
      expect(await findNextPage(store, key, later(HOUR - 1))).toEqual({
        kind: "page",
        question: "pipeline",
        offset: 3,
      });
      expect(await findNextPage(store, key, later(2))).toEqual({
        kind: "expired",
        question: "pipeline",
      });
    });

    it("pages a question with a NUL byte or a lone surrogate, cleaned, cut to 500 characters", async () => {
      now = start;
      const store = await open();
      await store.set(key, { question: `gas\u0000 \udc00${"x".repeat(40_000)}`, next: 3, at: now });
      const page = await findNextPage(store, key, now);
      expect(page).toMatchObject({ kind: "page", offset: 3 });
      const question = (page as { question: string }).question;
      expect(question.startsWith("gas \ufffdx")).toBe(true);
      expect(question).toHaveLength(499);
    });

    it("keeps each person's last question in each channel apart, the latest only", async () => {
      now = start;
      const store = await open();
      await store.set(key, { question: "pipeline", next: 3, at: now });
      await store.set(key, { question: "pipeline", next: 6, at: later(1000) });
      expect(await store.get(key)).toEqual({ question: "pipeline", next: 6, at: now });
      expect(await store.get({ ...key, channel: "C0OTHER" })).toBeUndefined();
      expect(await store.get({ ...key, asker: "a1b2c3d4.ffffffffffffffff" })).toBeUndefined();
    });

    it("forgets a question twice the ttl after it was last paged", async () => {
      now = start;
      const store = await open();
      await store.set(key, { question: "pipeline", next: 3, at: now });
      later(2 * HOUR + 1);
      expect(await store.get(key)).toBeUndefined();
    });

    if (shared) {
      it("pages in one process the question asked in another", async () => {
        now = start;
        const [a, b] = [await open(), await open()];
        await a.set(key, { question: "pipeline", next: 3, at: now });
        expect(await findNextPage(b, key, later(60_000))).toMatchObject({
          kind: "page",
          offset: 3,
        });
        await b.set(key, { question: "pipeline", next: 6, at: now });
        expect((await a.get(key))?.next).toBe(6);
      });
    }

    if (kind === "postgres") {
      it("deletes expired rows on a later write, and never keeps a Slack user id", async () => {
        now = start;
        const store = await open();
        await store.set(key, { question: "old words", next: 3, at: now });
        later(2 * HOUR + 1);
        await store.set({ ...key, channel: "C0NEXT" }, { question: "new", next: 3, at: now });
        const stored = await dump();
        expect(stored).not.toContain("old words");
        expect(stored).toContain("new");
        await expect(
          store.set({ asker: "U0ASKER01", channel: "C1" }, { question: "q", next: 0, at: now }),
        ).resolves.toBeUndefined();
        expect(await dump()).not.toContain("U0ASKER01");
      });
    }
  },
);
