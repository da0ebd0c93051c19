import { describe, expect, it } from "vitest";
import { followConversation } from "../../src/conversation/context-store.ts";
import { createMemoryConversationStore } from "../../src/store/memory/conversation-store.ts";
import { createPostgresConversationStore } from "../../src/store/postgres/conversation-store.ts";
import { describeStoreContract } from "./contract.ts";

const MINUTE = 60_000;
const ttlMs = 30 * MINUTE;
const start = new Date("2026-11-27T09:00:00Z");
let now = start;
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
  return now;
};
const options = { ttlMs, now: () => now };
const thread = "C0ONE/1732610045.318229";

describeStoreContract(
  "conversation context",
  {
    embedded: "memory",
    file: () => createMemoryConversationStore(options),
    postgres: ({ pool, logger }) => createPostgresConversationStore(pool, logger, options),
  },
  ({ kind, shared, open, dump }) => {
    it("reads a follow-up with its conversation's last question while it is fresh", async () => {
      now = start;
      const store = await open();
      expect(await followConversation(store, thread, "gas pipeline", now, ttlMs)).toBe(
        "gas pipeline",
      );
      const followUp = await followConversation(
        store,
        thread,
        "how long is it?",
        later(MINUTE),
        ttlMs,
      );
      expect(followUp).toBe("how long is it? (gas pipeline)");
      expect(await store.get(thread)).toEqual({ question: followUp, at: now });
      expect(await store.get("D0OTHER")).toBeUndefined();
      later(ttlMs + 1);
      expect(await followConversation(store, thread, "how long is it?", now, ttlMs)).toBe(
        "how long is it?",
      );
    });

    it("remembers a long question cut to 500 characters, cleaned of what can't be stored", async () => {
      now = start;
      const store = await open();
      await store.set(thread, { question: `gas\u0000 ${"pipeline ".repeat(5_000)}`, at: now });
      const turn = await store.get(thread);
      expect(turn?.question).toHaveLength(499);
      expect(turn?.question.startsWith("gas pipeline")).toBe(true);
    });

    it("forgets a conversation twice the ttl after its last question", async () => {
      now = start;
      const store = await open();
      await store.set(thread, { question: "gas pipeline", at: now });
      later(2 * ttlMs + 1);
      expect(await store.get(thread)).toBeUndefined();
    });

    if (shared) {
      it("reads a follow-up in one process with the question asked in another", async () => {
        now = start;
        const [a, b] = [await open(), await open()];
        // The answer does not wait for the write; `set` resolves once it is done.
        await a.set(thread, { question: "gas pipeline", at: now });
        expect(await followConversation(b, thread, "and its cost?", later(MINUTE), ttlMs)).toBe(
          "and its cost? (gas pipeline)",
        );
      });
    }

    if (kind === "postgres") {
      it("deletes expired conversations on a later write", async () => {
        now = start;
        const store = await open();
        await store.set(thread, { question: "old words", at: now });
        later(2 * ttlMs + 1);
        await store.set("D0NEXT", { question: "new", at: now });
        const stored = await dump();
        expect(stored).not.toContain("old words");
        expect(stored).toContain("new");
      });
    }
  },
);

describe("conversation context in memory", () => {
  it("forgets the oldest conversations beyond its bound in characters as well as in number", async () => {
    const store = createMemoryConversationStore({ ...options, maxChars: 1_000 });
    now = start;
    for (const i of [1, 2, 3]) {
      await store.set(`C0ONE/${i}.000`, { question: `${i} ${"x".repeat(600)}`, at: now });
    }
    expect(await store.get("C0ONE/1.000")).toBeUndefined();
    expect(await store.get("C0ONE/2.000")).toBeUndefined();
    expect((await store.get("C0ONE/3.000"))?.question).toMatch(/^3 x+$/);
  });
});
