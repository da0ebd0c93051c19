import { describe, expect, it } from "vitest";
import { normaliseArticleUrl } from "../../src/ingest/normalise-url.ts";

const STORY = "https://www.dawn.example/news/1812345/iran-pakistan-trade";

describe("normaliseArticleUrl", () => {
  it("drops utm_*, fbclid, gclid and the fragment, keeping the query that picks the page", () => {
    expect(normaliseArticleUrl(`${STORY}?utm_source=tw&utm_medium=social&fbclid=x#comments`)).toBe(
      STORY,
    );
    expect(normaliseArticleUrl(`${STORY}?gclid=1&page=2`)).toBe(`${STORY}?page=2`);
  });

  it("drops AMP paths and switches: /amp/, a trailing /amp, .amp and ?amp=1", () => {
    for (const amp of [
      "https://www.dawn.example/amp/news/1812345/iran-pakistan-trade",
      `${STORY}/amp/`,
      `${STORY}/amp`,
      `${STORY}.amp`,
      `${STORY}?amp=1`,
      `${STORY}?outputType=amp`,
    ]) {
      expect(normaliseArticleUrl(amp), amp).toBe(STORY);
    }
    expect(normaliseArticleUrl("https://x.example/a/story.amp.html")).toBe(
      "https://x.example/a/story.html",
    );
    expect(normaliseArticleUrl("https://x.example/example/ampersand")).toBe(
      "https://x.example/example/ampersand",
    );
  });

  it("keeps www. and an amp. host, which only the page's canonical link may change", () => {
    expect(normaliseArticleUrl("HTTPS://Amp.Dawn.example:443/a/")).toBe(
      "https://amp.dawn.example/a",
    );
  });

  it("refuses what is not an absolute http(s) address", () => {
    for (const bad of ["ftp://x.example/a", "javascript:alert(1)", "/relative", "not a url"]) {
      expect(normaliseArticleUrl(bad), bad).toBeUndefined();
    }
  });
});
