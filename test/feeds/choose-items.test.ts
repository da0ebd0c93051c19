import { describe, expect, it } from "vitest";
import { chooseItems, itemKey, sortNewestFirst } from "../../src/feeds/choose-items.ts";
import type { FeedItem } from "../../src/feeds/types.ts";

function story(n: number, published?: string): FeedItem {
  return { guid: `g${n}`, link: `https://news.example/${n}`, title: `Story ${n}`, published };
}

const choose = (items: FeedItem[], seen: string[], primed: boolean) =>
  chooseItems({ items, seen, primed, newFeedItems: 2, maxSeenKeys: 100 });

describe("itemKey", () => {
  it("is the GUID, else the link, else the title", () => {
    expect(itemKey({ guid: "a", link: "https://x.example/" })).toBe("guid:a");
    expect(itemKey({ link: "https://x.example/" })).toBe("link:https://x.example/");
    expect(itemKey({ title: "Talks" })).toBe("title:Talks");
    expect(itemKey({})).toBeUndefined();
  });

  it("hashes a very long key so the seen list stays small", () => {
    const key = itemKey({ guid: "x".repeat(5_000) });
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe("chooseItems", () => {
  it("brings only the newest few of a new feed, and remembers all of it", () => {
    const items = [
      story(1, "2026-12-01T00:00:00Z"),
      story(2, "2026-12-03T00:00:00Z"),
      story(3, "2026-12-02T00:00:00Z"),
    ];
    const chosen = choose(items, [], false);
    expect(chosen.newItems.map((item) => item.guid)).toEqual(["g2", "g3"]);
    expect(chosen.seen).toEqual(["guid:g1", "guid:g2", "guid:g3"]);
  });

  it("brings every unseen item of a feed already read, newest first", () => {
    const items = [
      story(4, "2026-12-04T00:00:00Z"),
      story(5, "2026-12-05T00:00:00Z"),
      story(6, "2026-12-06T00:00:00Z"),
      story(1, "2026-12-01T00:00:00Z"),
    ];
    const chosen = choose(items, ["guid:g1"], true);
    expect(chosen.newItems.map((item) => item.guid)).toEqual(["g6", "g5", "g4"]);
  });

  it("brings nothing when nothing is new", () => {
    expect(choose([story(1)], ["guid:g1"], true).newItems).toEqual([]);
  });

  it("keeps older keys after the document's own, up to the limit", () => {
    const chosen = chooseItems({
      items: [story(3), story(4)],
      seen: ["guid:g1", "guid:g2", "guid:g3"],
      primed: true,
      newFeedItems: 20,
      maxSeenKeys: 3,
    });
    expect(chosen.seen).toEqual(["guid:g3", "guid:g4", "guid:g1"]);
  });

  it("brings an item listed twice in one document once", () => {
    expect(choose([story(1), story(1)], [], true).newItems).toHaveLength(1);
  });

  it("skips an item with nothing to recognise it by", () => {
    expect(choose([{ published: "2026-12-01T00:00:00Z" }], [], true).newItems).toEqual([]);
  });
});

describe("sortNewestFirst", () => {
  it("keeps the feed's order when some item has no date", () => {
    const items = [story(1, "2026-12-01T00:00:00Z"), story(2), story(3, "2026-12-03T00:00:00Z")];
    expect(sortNewestFirst(items).map((item) => item.guid)).toEqual(["g1", "g2", "g3"]);
  });

  it("keeps the feed's order between items of the same date", () => {
    const at = "2026-12-01T00:00:00Z";
    expect(sortNewestFirst([story(2, at), story(1, at)]).map((item) => item.guid)).toEqual([
      "g2",
      "g1",
    ]);
  });
});
