import { describe, expect, it } from "vitest";
import { TopK, topK } from "../../src/search/top-k.ts";

/** Ids 0, 1, 2… scoring as listed: `scored(2, 3, 2)` is three ids, id 1 the best. */
function scored(...scores: number[]) {
  return { ids: scores.map((_, id) => id), score: (id: number) => scores[id] ?? 0 };
}

/** The same as topK should give, the slow way: a stable sort of all of them. */
function sortedBest(ids: readonly number[], k: number, score: (id: number) => number): number[] {
  return [...ids].sort((a, b) => score(b) - score(a)).slice(0, k);
}

describe("topK", () => {
  it("keeps the k best, best first", () => {
    const { ids, score } = scored(1, 5, 3, 4, 2);
    expect(topK(ids, 3, score)).toEqual([1, 3, 2]);
  });

  it("keeps equal scores in the order offered", () => {
    const { ids, score } = scored(2, 3, 2, 3, 2);
    expect(topK(ids, 3, score)).toEqual([1, 3, 0]);
  });

  it("gives all ids, sorted, when there are fewer than k, or k is unbounded", () => {
    const { ids, score } = scored(1, 3, 2);
    expect(topK(ids, 10, score)).toEqual([1, 2, 0]);
    expect(topK(ids, Number.POSITIVE_INFINITY, score)).toEqual([1, 2, 0]);
  });

  it("gives nothing for k of 0", () => {
    const { ids, score } = scored(1, 2);
    expect(topK(ids, 0, score)).toEqual([]);
  });

  it("agrees with a stable sort, so the best ten are the first ten of the best twenty", () => {
    // Many ties, in an order that is not sorted: a pseudo-random but fixed sequence, offered
    // in an order of its own, past the heap's first room.
    const { score } = scored(...Array.from({ length: 200 }, (_, i) => (i * 37) % 11));
    const ids = Array.from({ length: 200 }, (_, i) => (i * 73) % 200);
    for (const k of [1, 7, 10, 20, 65, 199, 200, 500]) {
      expect(topK(ids, k, score)).toEqual(sortedBest(ids, k, score));
    }
    expect(topK(ids, 20, score).slice(0, 10)).toEqual(topK(ids, 10, score));
  });
});

describe("TopK", () => {
  it("has no threshold until k ids are kept, then the weakest kept score", () => {
    const top = new TopK(2);
    top.offer(0, 5);
    expect(top.threshold).toBe(Number.NEGATIVE_INFINITY);
    top.offer(1, 3);
    expect(top.threshold).toBe(3);
    top.offer(2, 4);
    expect(top.threshold).toBe(4);
    expect(new TopK(0).threshold).toBe(Number.NEGATIVE_INFINITY);
  });

  it("counts every id offered or passed, kept or not", () => {
    const top = new TopK(1);
    top.offer(0, 1);
    top.offer(1, 2);
    top.pass();
    expect(top.count).toBe(3);
    expect(top.best()).toEqual([1]);
  });

  it("ranks an id offered after a passed one as a later offer", () => {
    const top = new TopK(2);
    top.offer(0, 2);
    top.pass();
    top.offer(1, 2);
    top.offer(2, 2);
    expect(top.best()).toEqual([0, 1]);
  });
});
