import { describe, expect, it } from "vitest";
import { conflictsByFact, contradictedFacts } from "../../src/answer/conflict-lookups.ts";
import { prepareAnswersSteps } from "../../src/answer/prepare-answers.ts";
import { summariseKnowledge } from "../../src/answer/summarise-knowledge.ts";
import type { FactConflict } from "../../src/knowledge/types.ts";
import { fact, knowledgeBase, manyFacts } from "../digest/fixtures.ts";

function countSteps(steps: Generator<void, void>): number {
  let n = 0;
  while (!steps.next().done) n++;
  return n;
}

describe("prepareAnswersSteps", () => {
  it("works out a large knowledge base's summary in steps, the one answers then read", () => {
    const kb = knowledgeBase({ facts: manyFacts(20_000) });
    expect(countSteps(prepareAnswersSteps(kb))).toBeGreaterThan(2);
    const summary = summariseKnowledge(kb);
    expect(summary.counts.facts).toBe(20_000);
    expect(countSteps(prepareAnswersSteps(kb))).toBe(0);
    expect(summariseKnowledge(kb)).toBe(summary);
  });

  it("looks up each fact's disagreement, and those with a curated fact in them", () => {
    const curated = fact("gwadar-depth", { origin: "curated" });
    const extracted = fact("gwadar-depth-x", { origin: "extracted" });
    const others = [fact("a-x", { origin: "extracted" }), fact("b-x", { origin: "extracted" })];
    const conflicts: FactConflict[] = [
      { subject: "Gwadar", attribute: "depth", facts: [curated, extracted] },
      { subject: "Taftan", attribute: "length", facts: others },
    ];
    const kb = knowledgeBase({ facts: [curated, extracted, ...others], conflicts });
    countSteps(prepareAnswersSteps(kb));
    expect(conflictsByFact(conflicts).get("b-x")).toBe(conflicts[1]);
    expect([...contradictedFacts(conflicts)]).toEqual(["gwadar-depth", "gwadar-depth-x"]);
  });
});
