import path from "node:path";
import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../src/answer/compose.ts";
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

  describe("on the seed, where most passages tie on the topic words alone", () => {
    const seed = async () =>
      indexRetriever(
        buildIndex(await loadKnowledge(path.resolve(import.meta.dirname, "../../knowledge"))),
      );

    it("pages through a broad question without showing a passage twice, counting the facts' quotes", async () => {
      const retriever = await seed();
      let page = composeAnswer(retriever, "Pakistan Iran relations");
      expect(page.results.some((r) => r.kind === "fact")).toBe(true);
      const seen = new Set(page.results.map((r) => r.citation.docId));
      const again: string[] = [];
      for (let i = 0; i < 10 && page.hasMore; i++) {
        page = composeAnswer(retriever, "Pakistan Iran relations", { offset: page.nextOffset });
        expect(page.results.every((r) => r.kind === "passage")).toBe(true);
        for (const { citation } of page.results) {
          if (seen.has(citation.docId)) again.push(citation.docId);
          seen.add(citation.docId);
        }
      }
      expect(page.hasMore).toBe(false);
      expect(again).toEqual([]);
      expect(seen.size).toBeGreaterThan(12);
    });

    it("says there is no more when the passages left are those the facts quoted", async () => {
      const answer = composeAnswer(await seed(), "who did Bajwa meet?");
      const quoted = answer.results.filter((r) => r.kind === "fact").map((r) => r.citation.docId);
      expect(quoted).toContain("pakistan-iran#11");
      expect(answer.hasMore).toBe(false);
    });
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

  it("gives a disagreement's values the score of the fact each answer shows, asked again or asked otherwise", () => {
    const questions = ["How long is the border?", "How long is the Pakistan Iran border?"];
    for (const question of [...questions, questions[0] as string]) {
      const answer = composeAnswer(twoSources, question);
      const shown = answer.results.find((r) => r.kind === "fact");
      expect(answer.conflicts[0]?.results.map((r) => r.score)).toEqual([
        shown?.score,
        shown?.score,
      ]);
    }
    const scores = questions.map(
      (q) => composeAnswer(twoSources, q).conflicts[0]?.results[0]?.score,
    );
    expect(scores[0]).not.toBe(scores[1]);
  });

  it("shows no conflict where the articles agree or the facts are not shown", () => {
    expect(composeAnswer(twoSources, "cricket").conflicts).toEqual([]);
  });
});
