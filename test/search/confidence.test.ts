import { describe, expect, it } from "vitest";
import { type FoundEvidence, judgeConfidence } from "../../src/search/confidence.ts";

const RULES = { minCoverage: 0.35, oneWordIsChanceFrom: 3 };

/** Evidence that answers in full: every case below changes one thing about it. */
const FULL: FoundEvidence = {
  hits: 4,
  bestCoverage: 1,
  informativeConcepts: 3,
  mostMatched: 3,
  missed: 0,
};

describe("judgeConfidence", () => {
  it.each<[string, Partial<FoundEvidence>, ReturnType<typeof judgeConfidence>]>([
    ["the best evidence matches every informative concept", {}, "direct"],
    ["it lacks one of them", { bestCoverage: 0.6, mostMatched: 2, missed: 1 }, "closest"],
    ["nothing was found", { hits: 0, bestCoverage: 0, mostMatched: 0, missed: 3 }, "none"],
    ["the coverage is just under the least", { bestCoverage: 0.349, missed: 1 }, "none"],
    ["the coverage is exactly the least", { bestCoverage: 0.35, missed: 1 }, "closest"],
    [
      "three informative concepts and no document matches two of them",
      { bestCoverage: 0.9, mostMatched: 1, missed: 2 },
      "none",
    ],
    [
      "two informative concepts, one matched: not yet chance",
      { informativeConcepts: 2, bestCoverage: 0.5, mostMatched: 1, missed: 1 },
      "closest",
    ],
    ["one informative concept, matched", { informativeConcepts: 1, mostMatched: 1 }, "direct"],
    [
      "no informative concept: every document covers it all",
      { informativeConcepts: 0, mostMatched: 0 },
      "direct",
    ],
  ])("when %s", (_, change, expected) => {
    expect(judgeConfidence({ ...FULL, ...change }, RULES)).toBe(expected);
  });
});
