import { describe, expect, it } from "vitest";
import { cutAtWord, htmlToLine, htmlToParagraphs } from "../../src/feeds/html-text.ts";

describe("htmlToParagraphs", () => {
  it("makes one paragraph of each block element and of each run between <br>s", () => {
    const html =
      "<div><h2>Talks</h2><p>Pakistan and <em>Iran</em> met.</p>Line one<br>Line two</div>";
    expect(htmlToParagraphs(html, 1_000)).toEqual([
      "Talks",
      "Pakistan and Iran met.",
      "Line one",
      "Line two",
    ]);
  });

  it("decodes entities once, so an escaped tag stays text", () => {
    expect(htmlToParagraphs("<p>Gwadar &amp; Chabahar &lt;b&gt; &#8211; ports</p>", 1_000)).toEqual(
      ["Gwadar & Chabahar <b> – ports"],
    );
  });

  it("reads nothing inside scripts, styles, iframes or comments", () => {
    const html =
      "<p>Kept</p><script>document.write('<p>injected</p>')</script><style>p{}</style>" +
      "<iframe>frame</iframe><!-- <p>comment</p> --><svg><text>drawn</text></svg>";
    expect(htmlToParagraphs(html, 1_000)).toEqual(["Kept"]);
  });

  it("survives ten thousand nested elements", () => {
    const html = `${"<div>".repeat(10_000)}deep${"</div>".repeat(10_000)}`;
    expect(htmlToParagraphs(html, 1_000)).toEqual(["deep"]);
  });

  it("keeps at most the characters asked for, cutting at a word", () => {
    const paragraphs = htmlToParagraphs("<p>one two three four</p><p>five six</p>", 12);
    expect(paragraphs).toEqual(["one two"]);
  });

  it("splits text without markup at blank lines", () => {
    expect(htmlToParagraphs("First part.\n\nSecond part.", 1_000)).toEqual([
      "First part.",
      "Second part.",
    ]);
  });
});

describe("htmlToLine", () => {
  it("joins blocks into one line of text", () => {
    expect(htmlToLine("<p>Pakistan</p><p>Iran</p>", 100)).toBe("Pakistan Iran");
  });
});

describe("cutAtWord", () => {
  it("leaves short text alone and cuts long text at a space", () => {
    expect(cutAtWord("short", 10)).toBe("short");
    expect(cutAtWord("Pakistan Iran border", 15)).toBe("Pakistan Iran");
  });

  it("never leaves half of a surrogate pair", () => {
    expect(cutAtWord("🇵🇰🇮🇷", 3)).toBe("🇵");
  });
});
