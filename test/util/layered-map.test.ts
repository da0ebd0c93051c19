import { describe, expect, it } from "vitest";
import { LayeredMap } from "../../src/util/layered-map.ts";

describe("a layered map", () => {
  it("reads as the map its changes make, and the map it was edited from stays as it was", () => {
    const start = LayeredMap.of<number | undefined>([
      ["a", 1],
      ["b", 2],
    ]);
    const edit = start.edit();
    edit.set("c", 3);
    edit.delete("a");
    edit.set("b", undefined);
    const next = edit.done();
    expect(new Map(next.entries())).toEqual(
      new Map([
        ["b", undefined],
        ["c", 3],
      ]),
    );
    expect(next.has("a")).toBe(false);
    expect(next.has("b")).toBe(true);
    expect([...start.entries()]).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("holds the same entries after many changes as a plain map given the same changes", () => {
    let layered = LayeredMap.of<number>();
    const plain = new Map<string, number>();
    for (let n = 0; n < 5_000; n++) {
      const edit = layered.edit();
      const key = `k${(n * 7919) % 1_500}`;
      if (n % 3 === 0) {
        edit.delete(key);
        plain.delete(key);
      } else {
        edit.set(key, n);
        plain.set(key, n);
      }
      layered = edit.done();
    }
    expect(new Map(layered.entries())).toEqual(plain);
    for (const key of ["k0", "k7", "k1499", "missing"]) {
      expect(layered.get(key)).toBe(plain.get(key));
      expect(layered.has(key)).toBe(plain.has(key));
    }
  });
});
