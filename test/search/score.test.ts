import { describe, expect, it } from "vitest";
import { matchedTerms, scoreConcepts } from "../../src/search/score.ts";
import { toTerm } from "../../src/text/terms.ts";
import { tinySearch } from "./plan-helpers.ts";

const { prepared, plan, idOf } = tinySearch();
const { lengths, postings, accumulator } = prepared;

function score(question: string, scales: number[] = []) {
  const plans = plan(question);
  const scored = scoreConcepts(plans, scales, lengths, postings.averageFieldLength, accumulator);
  const at = (documentId: string) => {
    const id = idOf(documentId);
    return { score: scored.score[id], mask: scored.mask[id], exact: scored.exact[id] };
  };
  return { plans, scored, at };
}

describe("scoreConcepts", () => {
  it("marks each document with the concepts it matches, and scores it for them", () => {
    const { at } = score("pipeline cricket");
    expect(at("ties#2")).toMatchObject({ mask: 0b01, exact: 0b01 });
    expect(at("ties#5")).toMatchObject({ mask: 0b10, exact: 0b10 });
    expect(at("ties#2").score).toBeGreaterThan(0);
    expect(at("ties#5").score).toBeGreaterThan(0);
    expect(at("ties#4")).toEqual({ score: 0, mask: 0, exact: 0 });
  });

  it("lists in `touched` exactly the documents it matched", () => {
    const { scored } = score("cricket");
    const touched = [...scored.touched.subarray(0, scored.count)];
    expect(touched).toEqual([idOf("ties#5")]);
  });

  it("counts a concept scaled to 0 as matched without adding to the score", () => {
    const alone = score("pipeline").at("ties#2").score;
    const { at } = score("cricket pipeline", [0, 1]);
    expect(at("ties#5")).toMatchObject({ score: 0, mask: 0b01 });
    expect(at("ties#2")).toMatchObject({ score: alone, mask: 0b10 });
  });

  it("scores more for the rarer of two words in the same passage", () => {
    // "border" is in one passage and a fact; "pakistan" in four passages.
    const rare = score("border").at("ties#1").score ?? 0;
    const common = score("pakistan").at("ties#1").score ?? 0;
    expect(rare).toBeGreaterThan(common);
  });

  it("matches through a typo correction, but not exactly", () => {
    const { at } = score("pipelne");
    expect(at("ties#2").mask).toBe(0b1);
    expect(at("ties#2").exact).toBe(0);
    expect(at("ties#2").score).toBeLessThan(score("pipeline").at("ties#2").score ?? 0);
  });

  it("counts a concept once per document, by its best name", () => {
    // "Bajwa" and "General Bajwa"'s alias "COAS" name one concept: asking by the alias scores
    // the passage as asking by the name does.
    expect(score("COAS").at("ties#3").score).toBe(score("bajwa").at("ties#3").score);
  });

  it("forgets the previous question's documents", () => {
    score("cricket");
    expect(score("pipeline").at("ties#5")).toEqual({ score: 0, mask: 0, exact: 0 });
  });
});

describe("matchedTerms", () => {
  it("gives the index terms of the question that the document has", () => {
    const { plans } = score("pipeline cricket electricity");
    expect(matchedTerms(plans, idOf("ties#2"))).toEqual([toTerm("pipeline")]);
    expect(matchedTerms(plans, idOf("ties#1"))).toEqual([]);
  });
});
