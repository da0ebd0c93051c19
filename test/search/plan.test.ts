import { describe, expect, it } from "vitest";
import { EXPANSION_WEIGHTS } from "../../src/search/plan.ts";
import { toTerm } from "../../src/text/terms.ts";
import { tinySearch } from "./plan-helpers.ts";

const { plan } = tinySearch();
const terms = (sources: readonly { term: string }[] | undefined) => sources?.map((s) => s.term);

describe("planConcept", () => {
  it("plans a word the index has as itself alone, at full weight: never widened", () => {
    const [pipeline] = plan("pipeline");
    expect(pipeline?.alternatives).toHaveLength(1);
    const [sources] = pipeline?.alternatives[0] ?? [];
    expect(terms(sources)).toEqual([toTerm("pipeline")]);
    expect(sources?.[0]?.weight).toBe(1);
  });

  it("plans a misspelled word as its corrections, each counting less than the word", () => {
    const [sources] = plan("pipelne")[0]?.alternatives[0] ?? [];
    expect(terms(sources)).toContain(toTerm("pipeline"));
    for (const source of sources ?? []) {
      expect(source.weight).toBeGreaterThan(0);
      expect(source.weight).toBeLessThanOrEqual(EXPANSION_WEIGHTS.fuzzy);
    }
  });

  it("plans an unfinished word as the longer words it starts", () => {
    const [sources] = plan("electri")[0]?.alternatives[0] ?? [];
    expect(terms(sources)).toContain(toTerm("electricity"));
    expect(sources?.every((s) => s.weight < 1)).toBe(true);
  });

  it("plans a word like nothing in the index as nothing, matching no document", () => {
    const [unknown] = plan("zeppelin");
    expect(unknown?.alternatives).toEqual([]);
    expect(unknown?.size).toBe(0);
  });

  it("plans every name of an alias group, and only the ways it can be said", () => {
    const [bajwa] = plan("COAS");
    // "Qamar Javed Bajwa" and "Army Chief" are not all in the index; "Bajwa" is.
    const said = bajwa?.alternatives.map((words) => words.map((sources) => terms(sources)?.[0]));
    expect(said).toContainEqual([toTerm("bajwa")]);
    for (const words of bajwa?.alternatives ?? []) {
      for (const sources of words) expect(sources.length).toBeGreaterThan(0);
    }
  });

  it("bounds the documents a concept can match from above", () => {
    const [border] = plan("border");
    // The border passage and the border fact, at least.
    expect(border?.size).toBeGreaterThanOrEqual(2);
  });
});
