import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { buildQueryMix, isHit, sourceFromPassages } from "../../bench/queries.ts";
import { percentile, summarise } from "../../bench/stats.ts";

const corpus = generateCorpus({ passages: 400, seed: 3 });
const mix = buildQueryMix(corpus, { perKind: 20, seed: 4 });
const byId = new Map(corpus.passages.map((p) => [p.id, p]));
const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[a-z]+(?:['’][a-z]+)*/g));

describe("buildQueryMix", () => {
  it("draws the same queries for the same seed, perKind of each kind", () => {
    expect(buildQueryMix(corpus, { perKind: 20, seed: 4 })).toEqual(mix);
    expect(mix.filter((q) => q.kind === "known-item")).toHaveLength(20);
    expect(mix.filter((q) => q.kind === "typo")).toHaveLength(20);
    expect(mix.filter((q) => q.kind === "common-word")).toHaveLength(20);
  });

  it("known-item words come from the target and together fit no passage with other text", () => {
    for (const q of mix.filter((m) => m.kind === "known-item")) {
      const terms = q.text.split(" ");
      expect(terms.length).toBeGreaterThanOrEqual(2);
      expect(terms.length).toBeLessThanOrEqual(3);
      for (const id of q.expected ?? []) expect(byId.get(id)?.text).toBe(q.expectedText);
      const fitting = corpus.passages.filter((p) => {
        const words = wordsOf(p.text);
        return terms.every((t) => words.has(t));
      });
      expect(fitting.map((p) => p.text)).toEqual(fitting.map(() => q.expectedText));
      expect(fitting.length).toBeGreaterThan(0);
    }
  });

  it("typo queries misspell exactly one word of five or more letters into a non-word", () => {
    const vocabulary = new Set(corpus.passages.flatMap((p) => [...wordsOf(p.text)]));
    for (const q of mix.filter((m) => m.kind === "typo")) {
      const unknown = q.text.split(" ").filter((t) => !vocabulary.has(t));
      expect(unknown).toHaveLength(1);
      const target = wordsOf(q.expectedText ?? "");
      expect(q.text.split(" ").filter((t) => target.has(t))).toHaveLength(
        q.text.split(" ").length - 1,
      );
    }
  });

  it("works on real passages cut into sentences, such as the seed article", () => {
    const source = sourceFromPassages([
      { id: "a#1", text: "Iran and Pakistan share a border. The pipeline was delayed." },
      { id: "a#2", text: "Trade grew slowly. Officials met in Tehran." },
    ]);
    expect(source.sentences).toHaveLength(4);
    const queries = buildQueryMix(source, { perKind: 2, seed: 1 });
    for (const q of queries.filter((m) => m.kind === "known-item")) {
      expect(["a#1", "a#2"]).toContain(q.expected?.[0]);
    }
  });
});

describe("isHit", () => {
  it("accepts the target id or any passage with its exact text", () => {
    const q = { kind: "known-item" as const, text: "x y", expected: ["a#1"], expectedText: "T" };
    expect(isHit(q, { id: "a#1", text: "other" })).toBe(true);
    expect(isHit(q, { id: "b#9", text: "T" })).toBe(true);
    expect(isHit(q, { id: "b#9", text: "T2" })).toBe(false);
    expect(isHit(q, undefined)).toBe(false);
  });
});

describe("summarise", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(summarise(values)).toMatchObject({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });
});
