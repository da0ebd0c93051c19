import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFeedState } from "../../src/feeds/feed-state.ts";
import { type PollFeedOptions, pollFeed } from "../../src/feeds/poll-feed.ts";
import type { FeedState, PollResult } from "../../src/feeds/types.ts";
import { createSafeFetch } from "../../src/fetch/safe-fetch.ts";
import type { SafeFetch } from "../../src/fetch/types.ts";
import { type FeedServer, startFeedServer } from "../helpers/feed-server.ts";
import {
  atomFeed,
  BORDER,
  ENTITY_BOMB,
  FULL_ARTICLE,
  FULL_ARTICLE_PARAGRAPHS,
  jsonFeed,
  MALFORMED_RSS,
  manyItems,
  PIPELINE,
  rssFeed,
  TRADE,
} from "./fixtures.ts";

const START = new Date("2026-12-07T00:00:00Z");
const POLL_SECONDS = 60;

let server: FeedServer;
let guardedFetch: SafeFetch;
let clock: Date;

beforeEach(async () => {
  server = await startFeedServer();
  // The real fetcher, with only the test server's host and port allowed past the address check.
  guardedFetch = createSafeFetch({ allowHosts: [new URL(server.url("/")).host] });
  clock = START;
});

afterEach(async () => {
  await server.close();
});

// random() = 0.5 puts the jitter at its middle, so intervals read exactly.
function options(over: Partial<PollFeedOptions> = {}): PollFeedOptions {
  return {
    fetch: guardedFetch,
    now: () => clock,
    random: () => 0.5,
    policy: { pollSeconds: POLL_SECONDS },
    ...over,
  };
}

function newFeed(path: string): FeedState {
  return createFeedState(server.url(path), START);
}

function secondsUntilNextPoll(result: PollResult): number {
  return (Date.parse(result.nextState.nextPollAt) - clock.getTime()) / 1000;
}

function advance(seconds: number): void {
  clock = new Date(clock.getTime() + seconds * 1000);
}

describe("pollFeed", () => {
  it("brings a new feed's items, newest first, and asks the server for a feed", async () => {
    server.route("/rss", () => ({ body: rssFeed([PIPELINE, TRADE, BORDER]) }));
    const result = await pollFeed(newFeed("/rss"), options());
    expect(result.outcome).toEqual({ kind: "fetched", status: 200, itemsInFeed: 3, newItems: 3 });
    expect(result.newItems.map((item) => item.title)).toEqual([
      TRADE.title,
      BORDER.title,
      PIPELINE.title,
    ]);
    expect(result.nextState).toMatchObject({
      title: "Dawn: Pakistan–Iran",
      siteUrl: "https://news.example/",
      lastSuccessAt: START.toISOString(),
      itemsAdded: 3,
      consecutiveFailures: 0,
    });
    expect(secondsUntilNextPoll(result)).toBe(POLL_SECONDS);
    expect(server.requests("/rss")[0]?.headers.accept).toContain("application/rss+xml");
  });

  it("sends the ETag and Last-Modified back, and a 304 changes nothing but the poll times", async () => {
    const lastModified = "Sun, 06 Dec 2026 22:00:00 GMT";
    server.route("/rss", () => ({ body: rssFeed([PIPELINE]), etag: '"v1"', lastModified }));
    const first = await pollFeed(newFeed("/rss"), options());
    advance(POLL_SECONDS);
    const second = await pollFeed(first.nextState, options());

    const requests = server.requests("/rss");
    expect(requests).toHaveLength(2);
    expect(requests[0]?.headers["if-none-match"]).toBeUndefined();
    expect(requests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(requests[1]?.headers["if-modified-since"]).toBe(lastModified);
    expect(second.outcome).toEqual({ kind: "not-modified" });
    expect(second.newItems).toEqual([]);
    const at = clock.toISOString();
    const {
      nextPollAt: _next,
      lastPolledAt: _polled,
      lastSuccessAt: _success,
      ...rest
    } = second.nextState;
    const { nextPollAt: _n, lastPolledAt: _p, lastSuccessAt: _s, ...before } = first.nextState;
    expect(rest).toEqual(before);
    expect(second.nextState).toMatchObject({ lastPolledAt: at, lastSuccessAt: at, etag: '"v1"' });
    expect(secondsUntilNextPoll(second)).toBe(POLL_SECONDS);
  });

  it("brings only the item added between two polls", async () => {
    let items = [BORDER, PIPELINE];
    server.route("/atom", () => ({ body: atomFeed(items), type: "application/atom+xml" }));
    const first = await pollFeed(newFeed("/atom"), options());
    items = [TRADE, BORDER, PIPELINE];
    advance(POLL_SECONDS);
    const second = await pollFeed(first.nextState, options());
    expect(second.newItems.map((item) => item.guid)).toEqual([TRADE.guid]);
    expect(second.nextState.itemsAdded).toBe(3);
  });

  it("doubles the wait while the server fails, shows why, and resets once it recovers", async () => {
    let failing = true;
    server.route("/json", () =>
      failing
        ? { status: 500, body: "oops", type: "text/plain" }
        : { body: jsonFeed([PIPELINE]), type: "application/feed+json" },
    );
    const first = await pollFeed(newFeed("/json"), options());
    expect(first.outcome).toMatchObject({ kind: "failed", reason: "http-status" });
    expect(first.nextState.lastError).toBe("The feed's server had an error (HTTP 500).");
    expect(first.nextState.consecutiveFailures).toBe(1);
    expect(secondsUntilNextPoll(first)).toBe(2 * POLL_SECONDS);

    advance(2 * POLL_SECONDS);
    const second = await pollFeed(first.nextState, options());
    expect(second.nextState.consecutiveFailures).toBe(2);
    expect(secondsUntilNextPoll(second)).toBe(4 * POLL_SECONDS);

    failing = false;
    advance(4 * POLL_SECONDS);
    const recovered = await pollFeed(second.nextState, options());
    expect(recovered.newItems.map((item) => item.guid)).toEqual([PIPELINE.guid]);
    expect(recovered.nextState.consecutiveFailures).toBe(0);
    expect(recovered.nextState.lastError).toBeUndefined();
    expect(recovered.nextState.lastSuccessAt).toBe(clock.toISOString());
    expect(secondsUntilNextPoll(recovered)).toBe(POLL_SECONDS);
  });

  it("keeps polling a feed that always fails, at most a day apart", async () => {
    server.route("/rss", () => ({ status: 500 }));
    let state = newFeed("/rss");
    let last: PollResult | undefined;
    for (let i = 0; i < 12; i++) {
      last = await pollFeed(state, options());
      state = last.nextState;
    }
    expect(state.consecutiveFailures).toBe(12);
    expect(last && secondsUntilNextPoll(last)).toBe(24 * 60 * 60);
  });

  it.each([429, 503])("honours Retry-After: 120 on a %i", async (status) => {
    server.route("/rss", () => ({ status, headers: { "retry-after": "120" } }));
    const result = await pollFeed(newFeed("/rss"), options({ policy: { pollSeconds: 5 } }));
    expect(result.outcome).toMatchObject({ kind: "failed", retryAfterSeconds: 120 });
    expect(secondsUntilNextPoll(result)).toBe(120);
    expect(result.nextState.lastError).toMatch(/HTTP \d{3}/);
  });

  it("reports malformed XML in a sentence and remembers nothing from it", async () => {
    server.route("/rss", () => ({ body: MALFORMED_RSS }));
    const state = newFeed("/rss");
    const result = await pollFeed(state, options());
    expect(result.outcome).toMatchObject({ kind: "failed", reason: "malformed" });
    expect(result.nextState.lastError).toBe("The feed is not well-formed.");
    expect(result.nextState.seen).toEqual(state.seen);
    expect(result.newItems).toEqual([]);
  });

  it("reads an entity bomb without expanding it", async () => {
    server.route("/bomb", () => ({ body: ENTITY_BOMB }));
    const result = await pollFeed(newFeed("/bomb"), options());
    // Expanded, each `&lol9;` would be 3 GB: this test would run out of memory.
    expect(JSON.stringify(result).length).toBeLessThan(5_000);
    expect(JSON.stringify(result)).not.toContain("lollol");
  });

  it("brings the 20 newest of a new 50-item feed, and none of the rest later", async () => {
    const items = manyItems(50).reverse();
    server.route("/rss", () => ({ body: rssFeed(items) }));
    const first = await pollFeed(newFeed("/rss"), options());
    expect(first.newItems.map((item) => item.guid)).toEqual(manyItems(20).map((item) => item.guid));
    advance(POLL_SECONDS);
    const second = await pollFeed(first.nextState, options());
    expect(second.newItems).toEqual([]);
  });

  it("takes the number a new feed brings from the limits", async () => {
    server.route("/rss", () => ({ body: rssFeed(manyItems(50)) }));
    const result = await pollFeed(newFeed("/rss"), options({ limits: { newFeedItems: 5 } }));
    expect(result.newItems).toHaveLength(5);
  });

  it("brings the same story from two feeds under different URLs, once each", async () => {
    server.route("/a.rss", () => ({ body: rssFeed([PIPELINE]) }));
    server.route("/b.atom", () => ({ body: atomFeed([PIPELINE]), type: "application/atom+xml" }));
    const a = await pollFeed(newFeed("/a.rss"), options());
    const b = await pollFeed(newFeed("/b.atom"), options());
    expect(a.newItems).toHaveLength(1);
    expect(b.newItems).toHaveLength(1);
    // What de-duplication downstream needs is there: the same GUID and link in both.
    expect(b.newItems[0]?.link).toBe(a.newItems[0]?.link);
    expect(b.newItems[0]?.guid).toBe(a.newItems[0]?.guid);
  });

  it("hands on the whole article when the feed carries it", async () => {
    server.route("/full", () => ({ body: rssFeed([FULL_ARTICLE]) }));
    const result = await pollFeed(newFeed("/full"), options());
    expect(result.newItems[0]?.content).toEqual(FULL_ARTICLE_PARAGRAPHS);
  });

  it("says a refused address in plain words and keeps the detail for the log", async () => {
    const refusing: SafeFetch = async () => ({
      ok: false,
      failure: { kind: "not-allowed", detail: "169.254.169.254 is link-local" },
    });
    const result = await pollFeed(newFeed("/rss"), options({ fetch: refusing }));
    expect(result.nextState.lastError).toBe("The feed's address is not allowed.");
    expect(JSON.stringify(result.nextState)).not.toContain("169.254");
    expect(result.outcome).toMatchObject({ kind: "failed", reason: "fetch" });
    expect(result.outcome.kind === "failed" && result.outcome.detail).toContain("169.254.169.254");
  });

  it.each([301, 308])(
    "follows a %i to the feed's new address on every later poll",
    async (status) => {
      server.route("/old", () => ({ status, headers: { location: "/new" } }));
      server.route("/new", () => ({ body: rssFeed([PIPELINE]), etag: '"v1"' }));
      const first = await pollFeed(newFeed("/old"), options());
      expect(first.outcome.kind).toBe("fetched");
      expect(first.nextState.url).toBe(server.url("/new"));
      advance(POLL_SECONDS);
      const second = await pollFeed(first.nextState, options());
      expect(second.outcome.kind).toBe("not-modified");
      expect(server.requests("/old")).toHaveLength(1);
      expect(server.requests("/new")).toHaveLength(2);
    },
  );

  it.each([302, 307])(
    "keeps the feed's address after a %i, polling it there again",
    async (status) => {
      server.route("/old", () => ({ status, headers: { location: "/elsewhere" } }));
      server.route("/elsewhere", () => ({ body: rssFeed([PIPELINE]) }));
      const first = await pollFeed(newFeed("/old"), options());
      expect(first.outcome.kind).toBe("fetched");
      expect(first.nextState.url).toBe(server.url("/old"));
      advance(POLL_SECONDS);
      await pollFeed(first.nextState, options());
      expect(server.requests("/old")).toHaveLength(2);
    },
  );

  it("moves to the first permanent redirect's target when a temporary one follows it", async () => {
    server.route("/old", () => ({ status: 301, headers: { location: "/moved" } }));
    server.route("/moved", () => ({ status: 302, headers: { location: "/today" } }));
    server.route("/today", () => ({ body: rssFeed([PIPELINE]) }));
    const result = await pollFeed(newFeed("/old"), options());
    expect(result.nextState.url).toBe(server.url("/moved"));
  });

  it("does not move to a private address a permanent redirect names: it is refused", async () => {
    server.route("/old", () => ({
      status: 301,
      headers: { location: "http://169.254.169.254/latest/meta-data/" },
    }));
    const result = await pollFeed(newFeed("/old"), options());
    expect(result.outcome).toMatchObject({ kind: "failed", reason: "fetch" });
    expect(result.outcome.kind === "failed" && result.outcome.detail).toMatch(/^not-allowed/);
    expect(result.nextState.url).toBe(server.url("/old"));
  });

  it("does not throw when the fetcher or the parser does", async () => {
    const throwing: SafeFetch = async () => {
      throw new Error("socket hang up");
    };
    const fetchThrew = await pollFeed(newFeed("/rss"), options({ fetch: throwing }));
    expect(fetchThrew.outcome).toMatchObject({ kind: "failed", reason: "unexpected" });

    server.route("/rss", () => ({ body: rssFeed([PIPELINE]) }));
    const parseThrew = await pollFeed(
      newFeed("/rss"),
      options({
        parse: () => {
          throw new Error("worker died");
        },
      }),
    );
    expect(parseThrew.nextState.lastError).toBe(
      "The feed could not be read because of an unexpected error.",
    );
  });

  it("keeps a state that survives JSON and back", async () => {
    server.route("/rss", () => ({ body: rssFeed([PIPELINE]), etag: '"v1"' }));
    const result = await pollFeed(newFeed("/rss"), options());
    expect(JSON.parse(JSON.stringify(result.nextState))).toEqual(result.nextState);
  });
});
