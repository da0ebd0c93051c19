import { describe, expect, it } from "vitest";
import { KnowledgeError } from "../../src/errors.ts";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { border, file, problemsOf, textArticle } from "./fixtures.ts";

const fact = (source: string, quote: string) =>
  `- subject: s\n  attribute: a\n  value: v\n  source: ${source}\n  quote: ${quote}\n`;

describe("buildKnowledgeBase", () => {
  it("lists every problem of every file in one error, by file and line", () => {
    const files = [
      file("facts/z.yml", `${fact("border#9", "x")}${fact("nowhere#1", "x")}`),
      file("aliases.yml", "- [A, B]\n- [b, C]\n"),
      border,
      file("articles/bad.md", "---\ntitle: T\npublished: soon\n---\nText.\n"),
      file("facts/a.yml", fact("border#1", "not there")),
    ];
    let error: unknown;
    try {
      buildKnowledgeBase(files);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).message).toBe(
      [
        "knowledge is invalid (5 problems):",
        '  knowledge/aliases.yml:2: duplicate alias "b" (first at knowledge/aliases.yml:1)',
        "  knowledge/articles/bad.md:3: published must be a date YYYY-MM-DD",
        "  knowledge/facts/a.yml:5: quote not found in passage border#1",
        "  knowledge/facts/z.yml:4: article border has no paragraph 9",
        '  knowledge/facts/z.yml:9: unknown article "nowhere" in source "nowhere#1"',
      ].join("\n"),
    );
  });

  it("returns articles, passages and facts in path order whatever the input order", () => {
    const b = textArticle("articles/b.txt", "B", ["Bee."]);
    const a = textArticle("articles/a.txt", "A", ["Ay.", "Ay two."]);
    const facts = file("facts/f.yml", fact("b#1", "Bee."));
    const knowledge = buildKnowledgeBase([facts, b, a]);
    expect(knowledge.articles.map((x) => x.id)).toEqual(["a", "b"]);
    expect(knowledge.passages.map((p) => p.id)).toEqual(["a#1", "a#2", "b#1"]);
    expect(knowledge.facts.map((f) => [f.id, f.article, f.paragraph])).toEqual([["f#1", "b", 1]]);
    expect(buildKnowledgeBase([a, b, facts])).toEqual(knowledge);
  });

  it("ignores READMEs, non-YAML files under facts/ and YAML outside facts/", () => {
    const knowledge = buildKnowledgeBase([
      border,
      file("README.md", "# Not an article"),
      file("articles/readme.md", "no title, not an article"),
      file("facts/README.md", "# About facts"),
      file("other.yml", "not: [checked"),
    ]);
    expect(knowledge.articles.map((a) => a.id)).toEqual(["border"]);
  });

  it("hashes content and relative paths, not display paths or order", () => {
    const a = textArticle("articles/a.txt", "A", ["Ay."]);
    const hash = buildKnowledgeBase([border, a]).hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(buildKnowledgeBase([{ ...a, path: "/elsewhere/articles/a.txt" }, border]).hash).toBe(
      hash,
    );
    expect(buildKnowledgeBase([border, { ...a, text: `${a.text} ` }]).hash).not.toBe(hash);
    expect(buildKnowledgeBase([border, { ...a, rel: "articles/c.txt" }]).hash).not.toBe(hash);
  });

  it("adds extracted facts for every paragraph that no curated fact quotes", () => {
    const knowledge = buildKnowledgeBase([
      border,
      file("facts/f.yml", fact("border#2", "Rouhani said")),
    ]);
    const extracted = knowledge.facts.filter((f) => f.origin === "extracted");
    expect(knowledge.facts.filter((f) => f.origin === "curated").map((f) => f.id)).toEqual(["f#1"]);
    expect(extracted.map((f) => [f.id, f.subject, f.attribute, f.value, f.unit])).toEqual([
      ["border#1.x1", "Border", "length", "959", "km"],
    ]);
  });

  it("drops extracted facts that a curated fact already says, whatever the paragraph", () => {
    const curated = [
      "- subject: Border",
      "  attribute: Length",
      "  value: 959",
      "  unit: km",
      "  source: border#2",
      "  quote: Rouhani said",
    ].join("\n");
    const knowledge = buildKnowledgeBase([border, file("facts/f.yml", curated)]);
    expect(knowledge.facts.map((f) => f.origin)).toEqual(["curated"]);
  });

  it("finds conflicts between articles once, with the knowledge", () => {
    const other = textArticle("articles/other.txt", "Other", ["Smugglers cross the 909km border."]);
    const knowledge = buildKnowledgeBase([border, other]);
    expect(knowledge.conflicts.map((c) => c.facts.map((f) => `${f.article}: ${f.value}`))).toEqual([
      ["border: 959", "other: 909"],
    ]);
  });

  it("returns an empty knowledge base for no files", () => {
    expect(buildKnowledgeBase([])).toMatchObject({
      articles: [],
      passages: [],
      facts: [],
      aliases: [],
      conflicts: [],
    });
  });

  it("reports the problem of each bad file even when another file is fine", () => {
    const problems = problemsOf(() =>
      buildKnowledgeBase([border, file("articles/empty.md", "---\ntitle: T\n---\n")]),
    );
    expect(problems).toEqual(["knowledge/articles/empty.md:1: article empty has no paragraphs"]);
  });
});
