import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../src/answer/compose.ts";
import { makeSnippet } from "../../src/answer/snippet.ts";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { buildIndex } from "../../src/search/build-index.ts";
import { indexRetriever } from "../../src/search/index-retriever.ts";
import { textArticle } from "../knowledge/fixtures.ts";
import { tinyKnowledge } from "../search/fixtures.ts";

const index = indexRetriever(buildIndex(tinyKnowledge()));

describe("composeAnswer", () => {
  it("puts matching facts first, with their value and unit", () => {
    const answer = composeAnswer(index, "How long is the border?");
    expect(answer.results[0]).toMatchObject({ kind: "fact", value: "959 km" });
  });

  it("composeAnswer cites the passage a fact quotes", () => {
    const fact = composeAnswer(index, "pipeline completed").results.find((r) => r.kind === "fact");
    expect(fact?.citation).toEqual({
      docId: "ties#2",
      title: "Ties Between Neighbours",
      paragraph: 2,
    });
    expect(fact?.passage).toContain("due to be completed in 2014");
    expect(fact?.snippet).toContain("due to be completed in 2014");
  });

  it("gives every result a snippet that is a verbatim piece of the passage it cites", () => {
    for (const q of [
      "pipeline",
      "Bajwa trip",
      "border smugglers",
      "trade electricity",
      "cricket",
    ]) {
      for (const r of composeAnswer(index, q).results) {
        expect(r.passage).toContain(r.snippet);
        const passage = index.knowledge.passages.find((p) => p.id === r.citation.docId);
        expect(passage?.text).toBe(r.passage);
      }
    }
  });

  it("marks the matched words inside the snippet", () => {
    const [result] = composeAnswer(index, "electricity").results;
    const marked = result?.marks.map(([s, e]) => result.snippet.slice(s, e));
    expect(marked).toEqual(["electricity"]);
  });

  it("pages passages with offset and says when there are more", () => {
    const first = composeAnswer(index, "Pakistan Iran", { limit: 2 });
    const second = composeAnswer(index, "Pakistan Iran", { limit: 2, offset: 2 });
    expect(first.hasMore).toBe(true);
    const ids = (a: typeof first) =>
      a.results.filter((r) => r.kind === "passage").map((r) => r.citation.docId);
    expect(ids(first)).toHaveLength(2);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    expect(second.results.every((r) => r.kind === "passage")).toBe(true);
  });

  it("pages through a broad question without showing a passage twice", async () => {
    // The seed, where most passages tie on the topic words alone.
    const seed = indexRetriever(
      buildIndex(await loadKnowledge(path.resolve(import.meta.dirname, "../../knowledge"))),
    );
    const ids = [0, 3, 6, 9, 12, 15].flatMap((offset) =>
      composeAnswer(seed, "Pakistan Iran relations", { offset })
        .results.filter((r) => r.kind === "passage")
        .map((r) => r.citation.docId),
    );
    expect(ids.length).toBeGreaterThan(12);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("abstains with suggestions instead of citing something unrelated", () => {
    const answer = composeAnswer(index, "pipelinez of nuclear weapons");
    expect(answer).toMatchObject({ confidence: "none", results: [] });
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });
});

describe("composeAnswer on articles nobody curated", () => {
  const twoSources = indexRetriever(
    buildIndex(
      buildKnowledgeBase([
        textArticle("articles/a.txt", "Neighbours", [
          "Pakistan and Iran share a 959km border. Smugglers cross it.",
          "Cricket is popular.",
        ]),
        textArticle("articles/b.txt", "Frontier report", [
          "Officials said the 909km border is hard to patrol.",
          "Trade grew.",
        ]),
      ]),
    ),
  );

  it("answers with extracted facts, marked as extracted", () => {
    const [first] = composeAnswer(twoSources, "How long is the border?").results;
    expect(first).toMatchObject({ kind: "fact", value: "959 km", fact: { origin: "extracted" } });
  });

  it("shows what each article says under 'Sources differ' when they disagree, each cited", () => {
    const { conflicts } = composeAnswer(twoSources, "How long is the border?");
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.attribute).toBe("length");
    expect(conflicts[0]?.results.map((r) => [r.value, r.citation.docId])).toEqual([
      ["959 km", "a#1"],
      ["909 km", "b#1"],
    ]);
    for (const r of conflicts[0]?.results ?? []) expect(r.passage).toContain(r.snippet);
  });

  it("shows no conflict where the articles agree or the facts are not shown", () => {
    expect(composeAnswer(twoSources, "cricket").conflicts).toEqual([]);
  });
});

describe("makeSnippet", () => {
  it("keeps snippets verbatim and within about 300 characters, whatever the passage", () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
    const sentence = fc.array(word, { minLength: 1, maxLength: 60 }).map((w) => `${w.join(" ")}.`);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 8 }), word, (sentences, term) => {
        const passage = sentences.join(" ");
        const snippet = makeSnippet(passage, new Set([term.toLowerCase()]));
        expect(passage).toContain(snippet.text);
        expect(snippet.text.length).toBeLessThanOrEqual(300);
        for (const [, e] of snippet.marks) expect(e).toBeLessThanOrEqual(snippet.text.length);
      }),
    );
  });

  it("keeps a fact's quote inside its snippet", () => {
    const passage = `${"Filler words go here. ".repeat(20)}The pipeline was due in 2014. ${"More filler. ".repeat(20)}`;
    const start = passage.indexOf("due in 2014");
    const snippet = makeSnippet(passage, new Set(), { start, end: start + 11 });
    expect(snippet.text).toContain("due in 2014");
  });
});
