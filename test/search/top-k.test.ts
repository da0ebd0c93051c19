import { describe, expect, it } from "vitest";
import { TopK, topK } from "../../src/search/top-k.ts";

/** Items named by their score and their place: "3b" scores 3 and came second of the 3s. */
const score = (item: string) => Number.parseInt(item, 10);

/** The same as topK should give, the slow way: a stable sort of all of them. */
function sortedBest(items: readonly string[], k: number): string[] {
  return [...items].sort((a, b) => score(b) - score(a)).slice(0, k);
}

describe("topK", () => {
  it("keeps the k best, best first", () => {
    expect(topK(["1", "5", "3", "4", "2"], 3, score)).toEqual(["5", "4", "3"]);
  });

  it("keeps equal scores in the order offered", () => {
    expect(topK(["2a", "3a", "2b", "3b", "2c"], 3, score)).toEqual(["3a", "3b", "2a"]);
  });

  it("gives all items, sorted, when there are fewer than k", () => {
    expect(topK(["1", "3", "2"], 10, score)).toEqual(["3", "2", "1"]);
  });

  it("gives nothing for k of 0", () => {
    expect(topK(["1", "2"], 0, score)).toEqual([]);
  });

  it("agrees with a stable sort, so the best ten are the first ten of the best twenty", () => {
    // Many ties, in an order that is not sorted: a pseudo-random but fixed sequence.
    const items = Array.from({ length: 200 }, (_, i) => `${(i * 37) % 11}-${i}`);
    for (const k of [1, 7, 10, 20, 199, 200]) {
      expect(topK(items, k, score)).toEqual(sortedBest(items, k));
    }
    expect(topK(items, 20, score).slice(0, 10)).toEqual(topK(items, 10, score));
  });
});

describe("TopK", () => {
  it("has no threshold until k items are kept, then the weakest kept score", () => {
    const top = new TopK(2, score);
    top.offer("5");
    expect(top.threshold).toBe(Number.NEGATIVE_INFINITY);
    top.offer("3");
    expect(top.threshold).toBe(3);
    top.offer("4");
    expect(top.threshold).toBe(4);
  });

  it("counts every item offered or passed, kept or not", () => {
    const top = new TopK(1, score);
    top.offer("1");
    top.offer("2");
    top.pass();
    expect(top.count).toBe(3);
    expect(top.best()).toEqual(["2"]);
  });

  it("ranks an item offered after a passed one as a later offer", () => {
    const top = new TopK(2, score);
    top.offer("2a");
    top.pass();
    top.offer("2b");
    top.offer("2c");
    expect(top.best()).toEqual(["2a", "2b"]);
  });
});
