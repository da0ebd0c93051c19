import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createArticleId, renderArticleFile } from "../../src/ingest/article-file.ts";
import { fingerprintArticle } from "../../src/ingest/duplicates.ts";
import { escapeMarkdown } from "../../src/ingest/escape-markdown.ts";
import type { ExtractedArticle } from "../../src/ingest/extract-article.ts";
import { extractArticle } from "../../src/ingest/extract-article.ts";
import { toPlainText } from "../../src/ingest/plain-text.ts";
import { parseArticle } from "../../src/knowledge/parse-article.ts";
import { readPage } from "./pages.ts";

const FETCHED = "2026-12-07T01:30:00.000Z";

function article(
  paragraphs: string[],
  title = "Iran and Pakistan agree on border markets",
): ExtractedArticle {
  return {
    title,
    publisher: "Dawn",
    canonicalUrl: "https://www.dawn.example/news/1",
    published: "2024-05-14",
    paragraphs,
  };
}

function readBack(extracted: ExtractedArticle) {
  const file = renderArticleFile({ article: extracted, fetched: FETCHED, addedBy: "u-3f2a9c" });
  const parsed = parseArticle({
    path: `knowledge/added/${file.fileName}`,
    rel: `added/${file.fileName}`,
    text: file.text,
  });
  return { file, parsed };
}

describe("renderArticleFile", () => {
  it("writes front matter the schema accepts and reads back every field", () => {
    const { file, parsed } = readBack({
      ...article(["One paragraph of text about trade."]),
      author: "Staff",
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.article).toMatchObject({
      id: file.id,
      title: "Iran and Pakistan agree on border markets",
      source: "Dawn",
      url: "https://www.dawn.example/news/1",
      published: "2024-05-14",
    });
    const fingerprint = fingerprintArticle(["One paragraph of text about trade."]);
    expect(file.text).toContain(`text_hash: ${fingerprint.textHash}`);
    expect(file.text).toContain(`fetched: ${FETCHED}`);
    expect(file.text).toContain("added_by: u-3f2a9c");
  });

  it("keeps Markdown-significant text as text", () => {
    const tricky = [
      "# not a heading",
      "1. not a list, nor 2) this",
      "- nor * this + that",
      "> not a quote",
      "*stars* and _underscores_ and `code` and \\ backslashes\\",
      "<div>tags</div> and [x](y) and ![img](z) and <https://auto.link>",
      "&amp; &#39; entities stay as written",
      "---",
      "```",
      "~~~ fence",
      "[ref]: https://example.com",
      "    indented? no: trimmed",
    ].map(toPlainText);
    expect(readBack(article(tricky)).parsed.article?.passages.map((p) => p.text)).toEqual(tricky);
  });

  it("reads back exactly the extracted paragraphs of the fixture pages", () => {
    for (const page of ["main-gwadar-fishermen", "ogmeta-barter-list", "blog-chabahar-gwadar"]) {
      const result = extractArticle(readPage(page), "https://pages.example/p");
      if (!result.ok) throw new Error(page);
      const { parsed } = readBack(result.article);
      expect(parsed.problems, page).toEqual([]);
      expect(
        parsed.article?.passages.map((p) => p.text),
        page,
      ).toEqual(result.article.paragraphs);
    }
  });

  it("round-trips any plain text paragraph and any title", () => {
    const text = fc
      .string({ unit: "binary", minLength: 1, maxLength: 80 })
      .map(toPlainText)
      .filter((s) => s !== "");
    const markdownish = fc
      .array(
        fc.constantFrom(
          "#",
          "*",
          "_",
          "`",
          "[",
          "]",
          "(",
          ")",
          "<",
          ">",
          "&",
          ";",
          "!",
          "\\",
          "-",
          "+",
          "=",
          "~",
          "1.",
          "2)",
          "|",
          ":",
          "a",
          " ",
          "amp",
          "#39",
        ),
        { minLength: 1, maxLength: 20 },
      )
      .map((parts) => toPlainText(parts.join("")))
      .filter((s) => s !== "");
    const paragraph = fc.oneof(text, markdownish);
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 6 }),
        paragraph,
        (paragraphs, title) => {
          const { parsed } = readBack(article(paragraphs, title));
          expect(parsed.problems).toEqual([]);
          expect(parsed.article?.title).toBe(title);
          expect(parsed.article?.passages.map((p) => p.text)).toEqual(paragraphs);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("escapeMarkdown", () => {
  it("escapes only what CommonMark could read as syntax", () => {
    expect(escapeMarkdown("Iran's 1,900-km line (2009), U.S. sanctions; 50% done!")).toBe(
      "Iran's 1,900-km line (2009), U.S. sanctions; 50% done!",
    );
    expect(escapeMarkdown("1. first")).toBe("1\\. first");
  });
});

describe("createArticleId", () => {
  it("is a readable slug and a short hash of the address: stable, and unique per address", () => {
    const id = createArticleId(
      "Iran frees 14 Pakistani fishermen; families wait at Gabd",
      "https://a.example/1",
    );
    expect(id).toMatch(/^iran-frees-14-pakistani-fishermen-families-wait-at-gabd-[0-9a-f]{8}$/);
    expect(
      createArticleId(
        "Iran frees 14 Pakistani fishermen; families wait at Gabd",
        "https://a.example/1",
      ),
    ).toBe(id);
    expect(
      createArticleId(
        "Iran frees 14 Pakistani fishermen; families wait at Gabd",
        "https://a.example/2",
      ),
    ).not.toBe(id);
    expect(createArticleId("ایران اور پاکستان", "https://a.example/1")).toMatch(
      /^article-[0-9a-f]{8}$/,
    );
    expect(
      createArticleId("Café Zahedān ".repeat(20), "https://a.example/1").length,
    ).toBeLessThanOrEqual(69);
  });
});
