import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../src/answer/compose.ts";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import type { KnowledgeFile } from "../../src/knowledge/knowledge-file.ts";
import { buildIndex } from "../../src/search/build-index.ts";
import { indexRetriever } from "../../src/search/index-retriever.ts";
import { file, textArticle } from "../knowledge/fixtures.ts";

const retrieverOf = (files: KnowledgeFile[]) =>
  indexRetriever(buildIndex(buildKnowledgeBase(files)));
const shownFacts = (retriever: ReturnType<typeof retrieverOf>, question: string) =>
  composeAnswer(retriever, question)
    .results.filter((r) => r.kind === "fact")
    .map((r) => r.value);

describe("extracted facts shown as answers", () => {
  const ports = retrieverOf([
    textArticle("articles/ports.txt", "Ports of the Makran Coast", [
      "Gwadar has 5 berths; the Chabahar port has 10.",
      "Gwadar port was built at a cost of $248 million.",
      "The 1,100 km Gwadar pipeline cost $7.5 billion to lay.",
    ]),
    textArticle("articles/border.txt", "The Border Region", [
      "The Iran–Pakistan border is 959 km long.",
      "The N-40 highway runs 900 km along the border.",
    ]),
  ]);

  it("give each part of a sentence its own subject: Gwadar's berths are 5, Chabahar's 10", () => {
    expect(shownFacts(ports, "How many berths does Gwadar have?")).toEqual(["5"]);
    expect(shownFacts(ports, "How many berths does Chabahar have?")).toEqual(["10"]);
  });

  it("answer a cost question with money, never a length", () => {
    expect(shownFacts(ports, "How much did Gwadar port cost?")).toEqual(["$248 million"]);
    expect(shownFacts(ports, "How much did the Gwadar pipeline cost?")).toEqual(["$7.5 billion"]);
  });

  it("answer the border question with the border's length, not a highway's", () => {
    expect(shownFacts(ports, "How long is the border?")).toEqual(["959 km"]);
  });

  it("show an extracted value a curated fact contradicts only under 'Sources differ'", () => {
    const retriever = retrieverOf([
      textArticle("articles/ports.txt", "Ports", ["Gwadar has 5 berths."]),
      textArticle("articles/update.txt", "Port update", ["Gwadar now has 6 berths in use."]),
      file(
        "facts/gwadar.yml",
        [
          "- subject: Gwadar",
          "  attribute: number of berths",
          '  value: "6"',
          "  source: update#1",
          '  quote: "Gwadar now has 6 berths in use."',
          "",
        ].join("\n"),
      ),
    ]);
    const answer = composeAnswer(retriever, "How many berths does Gwadar have?");
    const facts = answer.results.filter((r) => r.kind === "fact");
    expect(facts.map((r) => [r.value, r.fact?.origin])).toEqual([["6", "curated"]]);
    expect(answer.conflicts.map((c) => c.results.map((r) => r.value).sort())).toEqual([["5", "6"]]);
  });
});
