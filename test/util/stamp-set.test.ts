import { describe, expect, test } from "vitest";
import { StampSet } from "../../src/util/stamp-set.ts";

describe("StampSet", () => {
  test("holds what was added, and nothing once cleared", () => {
    const set = new StampSet(8);
    set.add(3);
    expect([set.has(3), set.has(4)]).toEqual([true, false]);
    set.clear();
    expect(set.has(3)).toBe(false);
  });

  test("says whether a number is new to it since the last clear", () => {
    const set = new StampSet(8);
    expect([set.addNew(5), set.addNew(5)]).toEqual([true, false]);
    set.clear();
    expect(set.addNew(5)).toBe(true);
  });

  test("lends `has` as a predicate", () => {
    const set = new StampSet(8);
    set.add(2);
    expect([1, 2, 3].filter(set.has)).toEqual([2]);
  });
});
