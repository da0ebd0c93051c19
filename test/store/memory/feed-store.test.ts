import { describe, expect, test } from "vitest";
import { createListFeedStore, type FeedRecord } from "../../../src/store/memory/feed-store.ts";

const T0 = new Date("2026-12-07T09:00:00Z");

function countingRecords() {
  let list: FeedRecord[] = [];
  const records = {
    writes: 0,
    read: () => list,
    write(next: FeedRecord[]) {
      records.writes++;
      list = next;
    },
  };
  return records;
}

describe("a feed list store", () => {
  test("rewrites the list at start only when the configured feeds changed", async () => {
    const records = countingRecords();
    const store = createListFeedStore(records);
    await store.syncConfigured(["https://a.example/rss"], T0);
    await store.syncConfigured(["https://a.example/rss"], T0);
    expect(records.writes).toBe(1);
    await store.syncConfigured([], T0);
    expect(records.writes).toBe(2);
    expect(await store.list()).toEqual([]);
  });
});
