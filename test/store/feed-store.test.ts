import { expect, it } from "vitest";
import { createFeedState } from "../../src/feeds/feed-state.ts";
import type { FeedStore } from "../../src/feeds/feed-store.ts";
import { openFeedFile } from "../../src/store/file/feed-store.ts";
import { createMemoryFeedStore } from "../../src/store/memory/feed-store.ts";
import { createPostgresFeedStore } from "../../src/store/postgres/feed-store.ts";
import { describeStoreContract, type StoreHarness } from "./contract.ts";

const T0 = new Date("2026-03-01T09:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const LEASE = { leaseMs: 60_000, limit: 10 };
const EDITOR = "0a1b.2c3d4e";

function contract({ open, shared }: StoreHarness<FeedStore>) {
  it("follows each feed once, in the order added, with who added it", async () => {
    const a = await open();
    expect(
      await a.add({ url: "https://a.example/rss", source: "command", addedBy: EDITOR }, T0),
    ).toBe(true);
    expect(await a.add({ url: "https://b.example/atom", source: "config" }, at(1))).toBe(true);
    expect(await a.add({ url: "https://a.example/rss", source: "config" }, at(2))).toBe(false);
    const feeds = await (shared ? await open() : a).list();
    expect(feeds.map((f) => [f.url, f.source, f.addedBy])).toEqual([
      ["https://a.example/rss", "command", EDITOR],
      ["https://b.example/atom", "config", undefined],
    ]);
    expect(feeds[0]?.state).toEqual(createFeedState("https://a.example/rss", T0));
    expect(feeds[0]?.addedAt).toBe(T0.toISOString());
  });

  it("stops following a feed, and says when it was not followed", async () => {
    const a = await open();
    await a.add({ url: "https://a.example/rss", source: "command", addedBy: EDITOR }, T0);
    expect(await a.remove("https://a.example/rss")).toBe(true);
    expect(await a.remove("https://a.example/rss")).toBe(false);
    expect(await a.list()).toEqual([]);
  });

  it("makes the configured feeds those listed, leaving the ones added by command", async () => {
    const a = await open();
    await a.add({ url: "https://kept.example/rss", source: "command", addedBy: EDITOR }, T0);
    await a.syncConfigured(["https://old.example/rss", "https://stays.example/rss"], T0);
    await a.syncConfigured(
      ["https://stays.example/rss", "https://new.example/rss", "https://kept.example/rss"],
      at(5),
    );
    const feeds = await a.list();
    expect(feeds.map((f) => [f.url, f.source])).toEqual([
      ["https://kept.example/rss", "command"],
      ["https://stays.example/rss", "config"],
      ["https://new.example/rss", "config"],
    ]);
    expect(feeds[1]?.addedAt).toBe(T0.toISOString());
  });

  it("claims only due feeds, overdue first, and none that another claim holds", async () => {
    const a = await open();
    await a.add({ url: "https://late.example/rss", source: "config" }, at(10));
    await a.add({ url: "https://early.example/rss", source: "config" }, T0);
    await a.add({ url: "https://future.example/rss", source: "config" }, at(1000));
    const first = await a.claimDue({ now: at(20), ...LEASE });
    expect(first.map((c) => c.feed.url)).toEqual([
      "https://early.example/rss",
      "https://late.example/rss",
    ]);
    const b = shared ? await open() : a;
    expect(await b.claimDue({ now: at(21), ...LEASE })).toEqual([]);
    expect((await b.claimDue({ now: at(21), ...LEASE, all: true })).map((c) => c.feed.url)).toEqual(
      ["https://future.example/rss"],
    );
  });

  it("gives each due feed to one of several claiming at once", async () => {
    if (!shared) return;
    const stores = await Promise.all([open(), open(), open()]);
    for (let i = 0; i < 6; i++)
      await stores[0]?.add({ url: `https://f${i}.example/rss`, source: "config" }, T0);
    const claims = await Promise.all(stores.map((s) => s.claimDue({ now: at(1), ...LEASE })));
    const urls = claims.flat().map((c) => c.feed.url);
    expect(urls.sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `https://f${i}.example/rss`));
  });

  it("saves a claimed feed's state and lets it go until it is due again", async () => {
    const a = await open();
    await a.add({ url: "https://a.example/rss", source: "config" }, T0);
    const [claim] = await a.claimDue({ now: at(1), ...LEASE });
    if (claim === undefined) throw new Error("nothing claimed");
    const state = {
      ...claim.feed.state,
      etag: '"v1"',
      primed: true,
      nextPollAt: at(1800).toISOString(),
    };
    expect(await a.saveState(claim, state)).toBe(true);
    expect(await a.saveState(claim, state)).toBe(false);
    const b = shared ? await open() : a;
    expect((await b.list())[0]?.state).toEqual(state);
    expect(await b.claimDue({ now: at(2), ...LEASE })).toEqual([]);
    expect((await b.claimDue({ now: at(1800), ...LEASE })).map((c) => c.feed.url)).toEqual([
      "https://a.example/rss",
    ]);
  });

  it("lets a claim whose poller died expire, and refuses the late poller's save", async () => {
    const a = await open();
    await a.add({ url: "https://a.example/rss", source: "config" }, T0);
    const [dead] = await a.claimDue({ now: at(1), ...LEASE });
    const b = shared ? await open() : a;
    expect(await b.claimDue({ now: at(30), ...LEASE })).toEqual([]);
    const [taken] = await b.claimDue({ now: at(62), ...LEASE });
    expect(taken?.feed.url).toBe("https://a.example/rss");
    if (dead === undefined || taken === undefined) throw new Error("nothing claimed");
    expect(await a.saveState(dead, { ...dead.feed.state, primed: true })).toBe(false);
    expect(await b.saveState(taken, { ...taken.feed.state, itemsAdded: 3 })).toBe(true);
    expect((await a.list())[0]?.state.itemsAdded).toBe(3);
  });

  it("forgets a feed removed while it was being polled", async () => {
    const a = await open();
    await a.add({ url: "https://a.example/rss", source: "config" }, T0);
    const [claim] = await a.claimDue({ now: at(1), ...LEASE });
    await a.remove("https://a.example/rss");
    if (claim === undefined) throw new Error("nothing claimed");
    expect(await a.saveState(claim, claim.feed.state)).toBe(false);
    expect(await a.list()).toEqual([]);
  });
}

describeStoreContract(
  "followed feeds",
  {
    file: ({ dataDir, logger }) => openFeedFile({ dataDir, logger }),
    postgres: ({ pool }) => createPostgresFeedStore(pool),
  },
  contract,
);

describeStoreContract(
  "followed feeds",
  {
    embedded: "memory",
    file: () => createMemoryFeedStore(),
    postgres: ({ pool }) => createPostgresFeedStore(pool),
  },
  contract,
);
