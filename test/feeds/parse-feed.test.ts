import { describe, expect, it } from "vitest";
import { parseFeedText } from "../../src/feeds/parse-feed.ts";
import type { ParsedFeed } from "../../src/feeds/types.ts";
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
  rdfFeed,
  rssFeed,
} from "./fixtures.ts";

function parsed(text: string, baseUrl?: string): ParsedFeed {
  const result = parseFeedText(text, { baseUrl });
  if (!result.ok) throw new Error(`expected a feed, got: ${result.message} (${result.detail})`);
  return result.feed;
}

const PIPELINE_ITEM = {
  guid: "dawn-1001",
  link: "https://news.example/2026/12/01/gas-pipeline-talks",
  title: "Pakistan and Iran resume talks on the gas pipeline",
  published: "2026-12-01T08:00:00.000Z",
  author: "Ayesha Khan",
};

describe("parseFeedText", () => {
  it("reads an RSS 2.0 feed's title, site and items in plain text", () => {
    const feed = parsed(rssFeed([PIPELINE, BORDER]));
    expect(feed.format).toBe("rss");
    expect(feed.title).toBe("Dawn: Pakistan–Iran");
    expect(feed.siteUrl).toBe("https://news.example/");
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toEqual(PIPELINE_ITEM);
  });

  it("reads an Atom feed: entry id as GUID, the alternate link, published over updated", () => {
    const feed = parsed(atomFeed([PIPELINE]));
    expect(feed.format).toBe("atom");
    expect(feed.title).toBe("Wire: South Asia");
    expect(feed.siteUrl).toBe("https://wire.example/");
    expect(feed.items).toEqual([PIPELINE_ITEM]);
  });

  it("reads a JSON Feed", () => {
    const feed = parsed(jsonFeed([PIPELINE]));
    expect(feed.format).toBe("json");
    expect(feed.title).toBe("Tribune: Iran");
    expect(feed.siteUrl).toBe("https://tribune.example/");
    expect(feed.items).toEqual([PIPELINE_ITEM]);
  });

  it("reads an RDF (RSS 1.0) feed, its dates from dc:date", () => {
    const feed = parsed(rdfFeed([PIPELINE]));
    expect(feed.format).toBe("rdf");
    expect(feed.title).toBe("Old Portal");
    expect(feed.items[0]).toMatchObject({
      link: PIPELINE.link,
      title: PIPELINE.title,
      published: "2026-12-01T08:00:00.000Z",
    });
  });

  it("gives the whole article as paragraphs when the feed carries it", () => {
    for (const text of [
      rssFeed([FULL_ARTICLE]),
      atomFeed([FULL_ARTICLE]),
      jsonFeed([FULL_ARTICLE]),
    ]) {
      expect(parsed(text).items[0]?.content).toEqual(FULL_ARTICLE_PARAGRAPHS);
    }
  });

  it("gives no content for a summary: the link has to be fetched", () => {
    const feed = parsed(rssFeed([PIPELINE]));
    expect(feed.items[0]?.content).toBeUndefined();
  });

  it("turns HTML in titles into text, entities decoded once and tags dropped", () => {
    const feed = parsed(
      rssFeed([{ ...PIPELINE, title: "Gwadar &amp; Chabahar: <b>ports</b> &lt;compared&gt;" }]),
    );
    expect(feed.items[0]?.title).toBe("Gwadar & Chabahar: ports <compared>");
  });

  it("keeps Atom plain-text titles as written, angle brackets and all", () => {
    const feed = parsed(atomFeed([{ ...PIPELINE, title: "Trade <up> & rising" }]));
    expect(feed.items[0]?.title).toBe("Trade <up> & rising");
  });

  it("drops scripts, styles and event handlers from article HTML", () => {
    const content = [
      "<script>alert('x')</script><style>p{}</style>",
      ...FULL_ARTICLE_PARAGRAPHS.map((p) => `<p onclick="steal()">${p}</p>`),
      "<iframe src='https://ads.example/'>ad text</iframe>",
    ].join("");
    const feed = parsed(rssFeed([{ ...FULL_ARTICLE, content }]));
    expect(feed.items[0]?.content).toEqual(FULL_ARTICLE_PARAGRAPHS);
  });

  it("resolves relative links against the feed's address and refuses other schemes", () => {
    const feed = parsed(
      rssFeed([
        { ...PIPELINE, link: "/2026/12/01/relative" },
        { ...BORDER, link: "javascript:alert(1)" },
      ]),
      "https://mirror.example/feeds/rss.xml",
    );
    expect(feed.items[0]?.link).toBe("https://mirror.example/2026/12/01/relative");
    expect(feed.items[1]?.link).toBeUndefined();
  });

  it("leaves out a date it cannot read rather than guessing", () => {
    const text = rssFeed([PIPELINE]).replace(
      /<pubDate>[^<]*<\/pubDate>/,
      "<pubDate>soon</pubDate>",
    );
    expect(parsed(text).items[0]?.published).toBeUndefined();
  });

  it("reads at most 500 items of a longer feed", () => {
    expect(parsed(rssFeed(manyItems(600))).items).toHaveLength(500);
  });

  it("cuts a huge title and a huge article to the limits", () => {
    const longWord = "Pakistan ".repeat(2_000);
    const result = parseFeedText(
      rssFeed([{ ...FULL_ARTICLE, title: longWord, content: `<p>${longWord}</p>`.repeat(4) }]),
      {
        limits: { maxLineChars: 100, maxContentChars: 1_000 },
        fullArticle: { minParagraphs: 1, minChars: 1 },
      },
    );
    if (!result.ok) throw new Error(result.message);
    const item = result.feed.items[0];
    expect(item?.title?.length).toBeLessThanOrEqual(100);
    expect(item?.content?.join("").length).toBeLessThanOrEqual(1_000);
  });

  it("refuses a document over the size limit before parsing it", () => {
    const result = parseFeedText(rssFeed(manyItems(50)), { limits: { maxFeedChars: 1_000 } });
    expect(result).toMatchObject({ ok: false, failure: "too-large" });
  });

  it("answers malformed XML with a plain sentence, not an exception", () => {
    const result = parseFeedText(MALFORMED_RSS);
    expect(result).toMatchObject({
      ok: false,
      failure: "malformed",
      message: "The feed is not well-formed.",
    });
  });

  it("tells a web page from a feed", () => {
    const result = parseFeedText("<!doctype html><html><body><p>Hello</p></body></html>");
    expect(result).toMatchObject({
      ok: false,
      failure: "not-a-feed",
      message: "The address did not return an RSS, Atom or JSON feed.",
    });
  });

  it("never expands an entity bomb: the entity stays a short unexpanded reference", () => {
    const result = parseFeedText(ENTITY_BOMB);
    // Expanded, `&lol9;` would be 3 GB of "lol": the process would run out of memory here.
    const text = JSON.stringify(result);
    expect(text.length).toBeLessThan(2_000);
    expect(text).not.toContain("lollol");
  });
});
