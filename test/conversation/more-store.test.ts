import { expect, test } from "vitest";
import { findNextPage } from "../../src/conversation/more-store.ts";
import { createMemoryMoreStore } from "../../src/store/memory/more-store.ts";

const HOUR = 3_600_000;
const key = { asker: "a1b2.0011223344556677", channel: "C0PAGE" };

test("a question is paged from where its last page stopped, until an hour has passed", async () => {
  let now = new Date("2026-11-27T09:00:00Z");
  const store = createMemoryMoreStore({ now: () => now });
  expect(await findNextPage(store, key, now)).toEqual({ kind: "none" });
  await store.set(key, { question: "pipeline", next: 3, at: now });
  now = new Date(now.getTime() + HOUR - 1);
  expect(await findNextPage(store, key, now)).toEqual({
    kind: "page",
    question: "pipeline",
    offset: 3,
  });
  now = new Date(now.getTime() + 2);
  expect(await findNextPage(store, key, now)).toEqual({ kind: "expired", question: "pipeline" });
});

test("each person's last question in each channel is their own", async () => {
  const now = new Date("2026-11-27T09:00:00Z");
  const store = createMemoryMoreStore({ now: () => now });
  await store.set(key, { question: "pipeline", next: 3, at: now });
  expect(await store.get({ ...key, channel: "C0OTHER" })).toBeUndefined();
  expect(await store.get({ ...key, asker: "a1b2.ffffffffffffffff" })).toBeUndefined();
});

test("memory stays bounded: the least recently asked go first", async () => {
  const now = new Date("2026-11-27T09:00:00Z");
  const store = createMemoryMoreStore({ now: () => now, maxEntries: 2 });
  for (const channel of ["C1", "C2", "C3"])
    await store.set({ ...key, channel }, { question: channel, next: 0, at: now });
  expect(await store.get({ ...key, channel: "C1" })).toBeUndefined();
  expect((await store.get({ ...key, channel: "C3" }))?.question).toBe("C3");
});
