import { describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { sha256 } from "../../src/knowledge/hash.ts";
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
      ["visit-2019#2", "They talked   about *drugs*.", 14],
    ]);
  });

  it("take a leading # heading as the title and the file name as the id", () => {
    const article = articleOf("notes/gas-deal.md", "# Gas deal signed\n\nBoth sides signed.\n");
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
