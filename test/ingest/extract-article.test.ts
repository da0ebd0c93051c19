import { describe, expect, it } from "vitest";
import { extractArticle, NO_ARTICLE } from "../../src/ingest/extract-article.ts";
import { ARTICLE_PAGES, readExpected, readPage } from "./pages.ts";

const WORDPRESS =
  "https://www.frontierpost.example/2024/03/02/pakistan-asks-washington-for-waiver-iran-gas-pipeline";

function extract(page: string, url = `https://pages.example/${page}`) {
  const result = extractArticle(readPage(page), url);
  if (!result.ok) throw new Error(`${page}: ${result.reason}`);
  return result.article;
}

const PROSE = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1} says that officials in Quetta and Zahedan met again this week to discuss trade across the border and the markets that opened there.</p>`,
).join("");

describe("extractArticle", () => {
  it("keeps exactly the marked paragraphs of every fixture page, furniture gone", () => {
    for (const page of ARTICLE_PAGES) {
      expect(extract(page).paragraphs, page).toEqual(readExpected(page));
    }
  });

  it("reads title, publisher, author and date from JSON-LD inside @graph", () => {
    const { paragraphs: _, ...meta } = extract(
      "newscms-border-markets",
      "https://www.balochistantimes.example/news/2024/05/14/border-sustenance-markets-reopen?utm_source=x",
    );
    expect(meta).toEqual({
      title: "Border sustenance markets reopen along Pakistan–Iran frontier after two-year wait",
      publisher: "Balochistan Times",
      author: "Staff Reporter",
      published: "2024-05-14",
      canonicalUrl:
        "https://www.balochistantimes.example/news/2024/05/14/border-sustenance-markets-reopen",
    });
  });

  it("reads og: meta and <time datetime> when there is no JSON-LD, and microdata", () => {
    const barter = extract("ogmeta-barter-list", "https://pakobserver.example/x");
    expect(barter).toMatchObject({ publisher: "Pakistan Observer", published: "2023-06-03" });
    expect(barter.canonicalUrl).toBe(
      "https://pakobserver.example/business/cabinet-approves-barter-trade-iran-afghanistan-russia",
    );
    expect(extract("microdata-taftan-pilgrims")).toMatchObject({
      title: "Pilgrims stranded at Taftan as border crossing closes for security checks",
      author: "Saleem Shahid",
      published: "2023-08-28",
    });
  });

  it("gives the AMP page and the tracked link the canonical address of the article", () => {
    const amp = extract("wordpress-pipeline-waiver.amp", `${WORDPRESS}/amp/?amp=1`);
    const tracked = extract(
      "wordpress-pipeline-waiver",
      `${WORDPRESS}/?utm_source=twitter&fbclid=abc#top`,
    );
    expect(amp.canonicalUrl).toBe(WORDPRESS);
    expect(tracked.canonicalUrl).toBe(WORDPRESS);
    expect(amp.paragraphs).toEqual(tracked.paragraphs);
  });

  it("ignores a canonical address on another site, so a page cannot pass for another's", () => {
    const article = extract("wordpress-pipeline-waiver", "https://copycat.example/story?id=7");
    expect(article.canonicalUrl).toBe("https://copycat.example/story?id=7");
  });

  it("names the host as publisher when the page names no site", () => {
    expect(extract("divs-makran-electricity", "https://www.brecorder.example/n/1").publisher).toBe(
      "brecorder.example",
    );
  });

  it("refuses a section front, an empty page and a non-web address in one sentence", () => {
    expect(extractArticle(readPage("section-index-pakistan-iran"), "https://a.example/")).toEqual({
      ok: false,
      reason: NO_ARTICLE,
    });
    expect(extractArticle("<html><body></body></html>", "https://a.example/")).toEqual({
      ok: false,
      reason: NO_ARTICLE,
    });
    expect(extractArticle(readPage("blog-chabahar-gwadar"), "file:///etc/passwd").ok).toBe(false);
  });

  it("stores plain text: no tags, no control characters, no NUL, whitespace collapsed", () => {
    const html = `<html><head><title>Trade talks</title></head><body><article>${PROSE}<p>Tags &lt;b&gt;stay text\u0000 and\u0007 NUL\tgoes\u200B  away <b>bold</b>.</p></article></body></html>`;
    const result = extractArticle(html, "https://a.example/t");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.paragraphs.at(-1)).toBe("Tags <b>stay text and NUL goes away bold.");
    for (const p of result.article.paragraphs) expect(p).not.toMatch(/\p{Cc}|\u200b|\s\s/u);
  });

  it("keeps at most the paragraph cap of a huge page and finishes on deep nesting", () => {
    const many = Array.from(
      { length: 5000 },
      (_, i) => `<p>Line ${i} of a very long report on border trade between the two countries.</p>`,
    );
    const limits = {
      maxHtmlChars: 5_000_000,
      maxParagraphs: 50,
      maxParagraphChars: 100,
      maxElements: 100_000,
      maxDepth: 64,
    };
    const result = extractArticle(
      `<html><body><article>${many.join("")}</article></body></html>`,
      "https://a.example/",
      limits,
    );
    expect(result.ok && result.article.paragraphs.length).toBe(50);
    const deep = `<html><body>${"<div>".repeat(200_000)}${PROSE}</body></html>`;
    expect(extractArticle(deep, "https://a.example/").ok).toBe(false);
  });
});
