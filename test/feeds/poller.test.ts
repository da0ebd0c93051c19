import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeFeed, formatFeedStatusText } from "../../src/feeds/feed-status.ts";
import type { FeedStore, FollowedFeed } from "../../src/feeds/feed-store.ts";
import { parseFeedText } from "../../src/feeds/parse-feed.ts";
import { createOffThreadParser } from "../../src/feeds/parse-off-thread.ts";
import { createFeedPoller, type FeedPollerOptions } from "../../src/feeds/poller.ts";
import { createSafeFetch } from "../../src/fetch/safe-fetch.ts";
import type { SafeFetch } from "../../src/fetch/types.ts";
import { createMemoryFeedStore } from "../../src/store/memory/feed-store.ts";
import { type FeedServer, startFeedServer } from "../helpers/feed-server.ts";
import {
  atomFeed,
  BORDER,
  ENTITY_BOMB,
  FULL_ARTICLE,
  FULL_ARTICLE_PARAGRAPHS,
  MALFORMED_RSS,
  manyItems,
  PIPELINE,
  rssFeed,
  TRADE,
} from "./fixtures.ts";
import { createDyingAdder, createRecordingAdder, type RecordingAdder } from "./recording-adder.ts";

const START = new Date("2026-12-07T00:00:00Z");
const POLL_SECONDS = 60;

let server: FeedServer;
let guardedFetch: SafeFetch;
let store: FeedStore;
let adder: RecordingAdder;
let clock: Date;

beforeEach(async () => {
  server = await startFeedServer();
  guardedFetch = createSafeFetch({ allowHosts: [new URL(server.url("/")).host] });
  store = createMemoryFeedStore();
  adder = createRecordingAdder({ fetch: guardedFetch });
  clock = START;
});

afterEach(async () => {
  await server.close();
});

function poller(over: Partial<FeedPollerOptions> = {}) {
  return createFeedPoller({
    store,
    fetch: guardedFetch,
    addArticle: adder.addArticle,
    now: () => clock,
    random: () => 0.5,
    policy: { pollSeconds: POLL_SECONDS },
    ...over,
  });
}

async function follow(path: string): Promise<string> {
  const url = server.url(path);
  await store.add({ url, source: "config" }, clock);
  return url;
}

function advance(seconds: number): void {
  clock = new Date(clock.getTime() + seconds * 1000);
}

async function stateOf(url: string) {
  return (await store.list()).find((feed) => feed.url === url)?.state;
}

describe("the feed poller", () => {
  it("stores a permanent move: polled at the new address, still followed and listed by the old", async () => {
    const url = await follow("/old");
    server.route("/old", () => ({ status: 308, headers: { location: "/new" } }));
    server.route("/new", () => ({ body: rssFeed([]) }));
    await poller().pollDue();
    const [feed] = await store.list();
    expect(feed?.url).toBe(url);
    expect(feed?.state.url).toBe(server.url("/new"));
    expect(formatFeedStatusText(describeFeed(feed as FollowedFeed))).toContain(
      `  moved for good to ${server.url("/new")}`,
    );
    advance(POLL_SECONDS);
    await poller().pollDue();
    expect(server.requests("/old")).toHaveLength(1);
    expect(server.requests("/new")).toHaveLength(2);
  });

  it("offers a new feed's items, oldest first, as feed articles, and counts them", async () => {
    const url = await follow("/rss");
    const items = [TRADE, BORDER, PIPELINE].map((item) => ({
      ...item,
      link: server.url(`/story/${item.guid}`),
    }));
    for (const item of items)
      server.route(`/story/${item.guid}`, () => ({ body: "<p>x</p>", type: "text/html" }));
    server.route("/rss", () => ({ body: rssFeed(items) }));
    const [report] = await poller().pollDue();
    expect(adder.requests.map((r) => r.origin)).toEqual(
      [PIPELINE, BORDER, TRADE].map((item) => ({ kind: "feed", feedUrl: url, guid: item.guid })),
    );
    expect(report?.items).toEqual({ added: 3, duplicate: 0, "removed-before": 0, refused: 0 });
    expect((await stateOf(url))?.itemsAdded).toBe(3);
  });

  it("sends the ETag back on the next poll, and a 304 offers nothing", async () => {
    const url = await follow("/rss");
    server.route("/rss", () => ({ body: rssFeed([{ ...FULL_ARTICLE }]), etag: '"v1"' }));
    await poller().pollDue();
    advance(POLL_SECONDS);
    const [report] = await poller().pollDue();
    expect(server.requests("/rss").map((r) => r.headers["if-none-match"])).toEqual([
      undefined,
      '"v1"',
    ]);
    expect(report?.outcome).toEqual({ kind: "not-modified" });
    expect(adder.requests).toHaveLength(1);
    expect((await stateOf(url))?.lastSuccessAt).toBe(clock.toISOString());
  });

  it("polls a feed only once it is due", async () => {
    await follow("/rss");
    server.route("/rss", () => ({ body: rssFeed([FULL_ARTICLE]) }));
    await poller().pollDue();
    advance(POLL_SECONDS / 2);
    expect(await poller().pollDue()).toEqual([]);
    expect(server.requests("/rss")).toHaveLength(1);
  });

  it("offers only the item added between two polls", async () => {
    await follow("/rss");
    const first = { ...FULL_ARTICLE, guid: "a", link: "https://wire.example/a" };
    const second = { ...FULL_ARTICLE, guid: "b", link: "https://wire.example/b" };
    let items = [first];
    server.route("/rss", () => ({ body: rssFeed(items) }));
    await poller().pollDue();
    items = [second, first];
    advance(POLL_SECONDS);
    await poller().pollDue();
    expect(adder.requests.map((r) => r.url)).toEqual([
      "https://wire.example/a",
      "https://wire.example/b",
    ]);
  });

  it("hands on the feed's own text, with its publisher, when the feed carries the article", async () => {
    await follow("/rss");
    server.route("/rss", () => ({ body: rssFeed([FULL_ARTICLE], "Wire") }));
    await poller().pollDue();
    expect(adder.requests[0]?.content).toEqual({
      paragraphs: FULL_ARTICLE_PARAGRAPHS,
      title: FULL_ARTICLE.title,
      publisher: "Wire",
      published: "2026-12-04T12:00:00.000Z",
    });
  });

  it("keeps the error of a failing server until it recovers, and polls it again later", async () => {
    const url = await follow("/rss");
    let status = 500;
    server.route("/rss", () => ({ status, body: status === 200 ? rssFeed([FULL_ARTICLE]) : "" }));
    await poller().pollDue();
    const failed = await stateOf(url);
    expect(failed?.lastError).toMatch(/HTTP 500/);
    expect(Date.parse(failed?.nextPollAt ?? "")).toBe(START.getTime() + 2 * POLL_SECONDS * 1000);
    status = 200;
    advance(2 * POLL_SECONDS);
    await poller().pollDue();
    const recovered = await stateOf(url);
    expect(recovered?.lastError).toBeUndefined();
    expect(recovered?.itemsAdded).toBe(1);
  });

  it("waits the 120 seconds a Retry-After asks for", async () => {
    const url = await follow("/rss");
    server.route("/rss", () => ({ status: 503, headers: { "retry-after": "120" } }));
    await poller({ policy: { pollSeconds: 5 } }).pollDue();
    advance(119);
    expect(await poller({ policy: { pollSeconds: 5 } }).pollDue()).toEqual([]);
    advance(1);
    await poller({ policy: { pollSeconds: 5 } }).pollDue();
    expect(server.requests("/rss")).toHaveLength(2);
    expect((await stateOf(url))?.consecutiveFailures).toBe(2);
  });

  it("reports malformed XML and an entity bomb, offers nothing and keeps both feeds", async () => {
    const bad = await follow("/bad");
    const bomb = await follow("/bomb");
    server.route("/bad", () => ({ body: MALFORMED_RSS }));
    server.route("/bomb", () => ({ body: ENTITY_BOMB }));
    await poller().pollDue();
    expect((await stateOf(bad))?.lastError).toBe("The feed is not well-formed.");
    expect(JSON.stringify(await store.list())).not.toContain("lollol");
    expect((await store.list()).map((f) => f.url)).toEqual([bad, bomb]);
    expect(adder.requests.filter((r) => r.content?.paragraphs.join("").includes("lollol"))).toEqual(
      [],
    );
  });

  it("counts an item whose link redirects to a private address as refused by the fetcher", async () => {
    await follow("/rss");
    server.route("/story", () => ({ status: 302, headers: { location: "http://10.0.0.7/admin" } }));
    server.route("/rss", () => ({ body: rssFeed([{ ...PIPELINE, link: server.url("/story") }]) }));
    const [report] = await poller().pollDue();
    expect(report?.items.refused).toBe(1);
    expect(adder.added).toEqual([]);
  });

  it("adds the same story from two feeds once, the second as a duplicate", async () => {
    await follow("/a.rss");
    await follow("/b.atom");
    server.route("/a.rss", () => ({ body: rssFeed([FULL_ARTICLE]) }));
    server.route("/b.atom", () => ({
      body: atomFeed([FULL_ARTICLE]),
      type: "application/atom+xml",
    }));
    const reports = await poller().pollDue();
    expect(reports.map((r) => r.items.added + r.items.duplicate)).toEqual([1, 1]);
    expect(reports.flatMap((r) => r.duplicates)).toEqual([{ how: "same-url" }]);
    expect(adder.added).toEqual([FULL_ARTICLE.link]);
  });

  it("brings at most the configured number of a new feed's newest items", async () => {
    await follow("/rss");
    const items = manyItems(50).map((item) => ({ ...item, content: FULL_ARTICLE.content }));
    server.route("/rss", () => ({ body: rssFeed(items) }));
    await poller({ limits: { newFeedItems: 7 } }).pollDue();
    expect(adder.requests).toHaveLength(7);
  });

  it("polls every feed at once when asked, due or not", async () => {
    await follow("/a");
    await follow("/b");
    server.route("/a", () => ({ body: rssFeed([FULL_ARTICLE]) }));
    server.route("/b", () => ({ body: rssFeed([FULL_ARTICLE]) }));
    await poller().pollDue();
    advance(1);
    const reports = await poller().pollDue({ all: true });
    expect(reports.map((r) => r.outcome.kind)).toEqual(["fetched", "fetched"]);
  });

  it("loses nothing and adds nothing twice when a poller dies before saving", async () => {
    const url = await follow("/rss");
    const items = [
      { ...FULL_ARTICLE, guid: "a", link: "https://wire.example/a" },
      { ...FULL_ARTICLE, guid: "b", link: "https://wire.example/b" },
    ];
    server.route("/rss", () => ({ body: rssFeed(items) }));
    // The first item is stored; the process dies while the second is added.
    const killed = createDyingAdder(adder);
    const dying = poller({ claimMs: 30_000, addArticle: killed.addArticle });
    void dying.pollDue();
    await expect.poll(killed.offered).toBe(2);
    expect(await poller().pollDue()).toEqual([]);
    advance(30);
    const [report] = await poller({ claimMs: 30_000 }).pollDue();
    expect(report?.items).toMatchObject({ added: 1, duplicate: 1 });
    expect(adder.added.sort()).toEqual(["https://wire.example/a", "https://wire.example/b"]);
    expect((await stateOf(url))?.primed).toBe(true);
  });
});

describe("the off-thread feed parser", () => {
  it("reads a feed as parseFeedText does, in a worker", async () => {
    const parser = createOffThreadParser();
    try {
      const text = rssFeed([PIPELINE, FULL_ARTICLE]);
      const options = { baseUrl: "https://news.example/rss" };
      expect(await parser.parse(text, options)).toEqual(parseFeedText(text, options));
      expect(await parser.parse(MALFORMED_RSS, options)).toMatchObject({
        ok: false,
        failure: "malformed",
      });
    } finally {
      await parser.close();
    }
  });
});
