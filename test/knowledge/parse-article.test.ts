import { describe, expect, it } from "vitest";
import { makeSnippet } from "../../src/answer/snippet.ts";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { sha256 } from "../../src/knowledge/hash.ts";
import { sentenceRanges } from "../../src/text/sentences.ts";
import { file, problemsOf } from "./fixtures.ts";

const articleOf = (rel: string, text: string) => {
  const [article] = buildKnowledgeBase([file(rel, text)]).articles;
  if (article === undefined) throw new Error("no article");
  return article;
};

describe("text articles", () => {
  it("take the first non-empty line as title and number the paragraphs after it", () => {
    const text = "\nTitle here\n\nFirst one.\n\n\n\nSecond\nspans lines.\n";
    const article = articleOf("articles/plain.txt", text);
    expect(article).toMatchObject({ id: "plain", title: "Title here", file: "articles/plain.txt" });
    expect(article.passages).toEqual([
      { id: "plain#1", articleId: "plain", n: 1, text: "First one.", line: 4 },
      { id: "plain#2", articleId: "plain", n: 2, text: "Second spans lines.", line: 8 },
    ]);
    expect(article.hash).toBe(sha256(text));
  });

  it("accept Windows line endings", () => {
    const article = articleOf("a.txt", "T\r\n\r\nOne\r\ntwo.\r\n\r\nThree.\r\n");
    expect(article.passages.map((p) => p.text)).toEqual(["One two.", "Three."]);
  });

  it("lead with the first sentence of the first paragraph, terminator kept", () => {
    const lead = (first: string) => articleOf("a.txt", `T\n\n${first}\n`).lead;
    expect(lead("Iran was first. Pakistan was second.")).toBe("Iran was first.");
    expect(lead("Was it? “Yes,” he said.")).toBe("Was it?");
    expect(lead("Stop! 'No' said she.")).toBe("Stop!");
    expect(lead("It cost 2.5 billion. then more")).toBe("It cost 2.5 billion. then more");
    expect(lead("One sentence only")).toBe("One sentence only");
  });
});

describe("markdown articles", () => {
  it("read front matter and keep headings out of the passages", () => {
    const text = [
      "---",
      "id: visit-2019",
      "title: Bajwa visits Tehran",
      "source: Dawn",
      "url: https://example.com/visit",
      "published: 2019-11-05",
      "tags: [army, visit]",
      "---",
      "",
      "## Background",
      "The army chief went to Tehran.",
      "## Talks",
      "",
      "They talked   about *drugs*.",
    ].join("\n");
    const article = articleOf("articles/visit.md", text);
    expect(article).toMatchObject({
      id: "visit-2019",
      title: "Bajwa visits Tehran",
      source: "Dawn",
      url: "https://example.com/visit",
      published: "2019-11-05",
      tags: ["army", "visit"],
      lead: "The army chief went to Tehran.",
    });
    expect(article.passages.map((p) => [p.id, p.text, p.line])).toEqual([
      ["visit-2019#1", "The army chief went to Tehran.", 11],
      ["visit-2019#2", "They talked   about drugs.", 14],
    ]);
  });

  const passagesOf = (body: string) =>
    articleOf("a.md", `---\ntitle: T\n---\n${body}`).passages.map((p) => [p.text, p.line]);

  it("are read as plain text: link text kept, emphasis, code marks, images and tags dropped", () => {
    const body = [
      "**Gen. Bajwa** met _Zarif_ about `CPEC` and [the pipeline](https://x.com/p) ![map](m.png)",
      "in <b>Tehran</b> &amp; Qom,<br>then left.",
    ].join("\n");
    expect(passagesOf(body)).toEqual([
      ["Gen. Bajwa met Zarif about CPEC and the pipeline in Tehran & Qom, then left.", 4],
    ]);
  });

  it("put list items on lines of their own, under the paragraph that introduces them", () => {
    const body = [
      "The deal covers:",
      "- **gas** supplies",
      "- border trade",
      "  1. at Taftan",
      "",
      "Signed in Tehran.",
      "",
      "* loose one",
      "",
      "* loose two",
    ].join("\n");
    expect(passagesOf(body)).toEqual([
      ["The deal covers:\ngas supplies\nborder trade\nat Taftan", 4],
      ["Signed in Tehran.", 9],
      ["loose one\nloose two", 11],
    ]);
    const [listed = ""] = passagesOf(body)[0] ?? [];
    expect(sentenceRanges(String(listed)).map((r) => String(listed).slice(r.start, r.end))).toEqual(
      ["The deal covers:", "gas supplies", "border trade", "at Taftan"],
    );
  });

  it("keep code blocks and quotes as text, strip HTML blocks and skip rules and headings", () => {
    const body = [
      "> Quoted *words*",
      "",
      "```",
      "total = 2775 km",
      "```",
      "",
      "<!-- a note -->",
      "",
      "<div class=x>",
      "Boxed &amp; framed",
      "</div>",
      "",
      "---",
      "",
      "Setext heading",
      "==============",
      "After it.",
    ].join("\n");
    expect(passagesOf(body)).toEqual([
      ["Quoted words", 4],
      ["total = 2775 km", 6],
      ["Boxed & framed", 12],
      ["After it.", 20],
    ]);
  });

  it("read the Markdown inside HTML blocks like any passage's, and drop scripts and styles", () => {
    const body = [
      '<div class="box">Read [the deal](javascript:alert(1)) and ![a map](https://img.example/m.png)',
      "with *bold* and **strong** words &amp; <b>tags</b>.</div>",
      "",
      "<script>alert(document.cookie)</script> After the *script*, a [link](javascript:void(0)).",
      "",
      "<div>",
      "  <style>p { color: red }</style>",
      "  - first _item_",
      "  - second `item`",
      "</div>",
    ].join("\n");
    const passages = passagesOf(body);
    expect(passages).toEqual([
      ["Read the deal and with bold and strong words & tags .", 4],
      ["After the script, a link.", 7],
      ["first item\nsecond item", 9],
    ]);
    const text = passages.map(([t]) => t).join("\n");
    for (const raw of ["javascript", "https://", "*", "_", "`", "alert", "color", "<", "&amp;"]) {
      expect(text).not.toContain(raw);
    }
  });

  it("accept a fact quote copied from the rendered text", () => {
    const article = file(
      "articles/deal.md",
      "# Deal\n\nThe **2,775km** [gas pipeline](https://x.com) is _late_.\n\n- gas\n- oil\n",
    );
    const facts = file(
      "facts/deal.yml",
      [
        "- subject: pipeline",
        "  attribute: length",
        "  value: 2775",
        "  source: deal#1",
        "  quote: The 2,775km gas pipeline is late.",
        "- subject: deal",
        "  attribute: covers",
        "  value: gas and oil",
        "  source: deal#2",
        "  quote: gas oil",
      ].join("\n"),
    );
    expect(buildKnowledgeBase([article, facts]).facts.map((f) => f.quote)).toEqual([
      "The 2,775km gas pipeline is late.",
      "gas oil",
    ]);
  });

  it("give answer snippets without markdown syntax", () => {
    const text = [
      "# Visit",
      "",
      "Army chief **Gen. Bajwa** visited [Tehran](https://x.com/t) for `two` days.",
      "",
      "He met:",
      "1. _Foreign Minister_ Javad Zarif",
      "2. President **Hassan Rouhani**",
    ].join("\n");
    const passages = articleOf("visit.md", text).passages;
    const snippets = passages.map((p) => makeSnippet(p.text, new Set(["bajwa", "zarif"])).text);
    expect(snippets).toEqual([
      "Army chief Gen. Bajwa visited Tehran for two days.",
      "He met:\nForeign Minister Javad Zarif\nPresident Hassan Rouhani",
    ]);
    for (const snippet of snippets) expect(snippet).not.toMatch(/[*_`[\]()#]|^\s*(\d+\.|-)\s/m);
  });

  it("take a leading # heading as the title, as plain text, and the file name as the id", () => {
    const article = articleOf("notes/gas-deal.md", "# Gas *deal* signed\n\nBoth sides signed.\n");
    expect(article).toMatchObject({ id: "gas-deal", title: "Gas deal signed", tags: [] });
    expect(article.passages.map((p) => p.text)).toEqual(["Both sides signed."]);
  });

  it("prefer the front matter title over a leading heading", () => {
    const article = articleOf(
      "a.md",
      "---\ntitle: From front matter\n---\n# From heading\n\nText.\n",
    );
    expect(article.title).toBe("From front matter");
    expect(article.passages).toHaveLength(1);
  });

  it("are refused without a title", () => {
    expect(problemsOf(() => buildKnowledgeBase([file("a.md", "Just text.\n")]))).toEqual([
      "knowledge/a.md:1: article has no title: add title to the front matter or start with a # heading",
    ]);
  });

  it("report front matter problems at their line in the .md file", () => {
    const text = [
      "---",
      "title: T",
      "url: not a url",
      "published: 5 Nov 2019",
      "tags: [ok, '']",
      "autor: me",
      "---",
      "Text.",
    ].join("\n");
    expect(problemsOf(() => buildKnowledgeBase([file("articles/x.md", text)]))).toEqual([
      "knowledge/articles/x.md:3: url must be a valid URL",
      "knowledge/articles/x.md:4: published must be a date YYYY-MM-DD",
      "knowledge/articles/x.md:5: tags[1] must not be empty",
      'knowledge/articles/x.md:6: front matter has unknown key "autor"',
    ]);
  });

  it("report front matter reusing an anchor past the alias limit at its line", () => {
    const tags = Array.from({ length: 101 }, () => "*t").join(", ");
    const problems = problemsOf(() =>
      buildKnowledgeBase([file("a.md", `---\ntitle: &t T\ntags: [${tags}]\n---\nText.\n`)]),
    );
    expect(problems).toEqual([
      "knowledge/a.md:3: invalid YAML: Excessive alias count indicates a resource exhaustion attack",
    ]);
  });

  it("report invalid front matter YAML and unclosed front matter", () => {
    const files = [
      file("a.md", "---\ntitle: [unclosed\n---\nText.\n"),
      file("b.md", "---\ntitle: T\nText.\n"),
    ];
    const problems = problemsOf(() => buildKnowledgeBase(files));
    expect(problems[0]).toMatch(/^knowledge\/a\.md:\d+: invalid YAML: /);
    expect(problems.slice(1)).toEqual(["knowledge/b.md:1: front matter has no closing --- line"]);
  });
});

describe("article problems", () => {
  it("refuse empty files, articles without paragraphs and ids with spaces", () => {
    const files = [
      file("empty.txt", "\n\n"),
      file("title-only.txt", "Only a title\n"),
      file("two words.txt", "T\n\nText.\n"),
      file("bad-id.md", "---\nid: has space\ntitle: T\n---\nText.\n"),
    ];
    expect(problemsOf(() => buildKnowledgeBase(files))).toEqual([
      "knowledge/bad-id.md:2: id must not be empty or contain spaces or #",
      "knowledge/empty.txt:1: article is empty",
      "knowledge/title-only.txt:1: article title-only has no paragraphs",
      'knowledge/two words.txt:1: article id "two words" must not contain spaces or #: rename the file or set id in front matter',
    ]);
  });

  it("refuse two articles with the same id", () => {
    const files = [
      file("articles/a/visit.txt", "T\n\nOne.\n"),
      file("articles/b/visit.txt", "T\n\nTwo.\n"),
      file("articles/c.md", "---\ntitle: T\nid: visit\n---\nThree.\n"),
    ];
    expect(problemsOf(() => buildKnowledgeBase(files))).toEqual([
      'knowledge/articles/b/visit.txt:1: duplicate article id "visit" (first at knowledge/articles/a/visit.txt:1)',
      'knowledge/articles/c.md:3: duplicate article id "visit" (first at knowledge/articles/a/visit.txt:1)',
    ]);
  });
});
