import { expect, it } from "vitest";
import { grown } from "../../src/util/grown.ts";

it("copies a typed array into one of the same kind twice as long", () => {
  const copy = grown(Int32Array.of(-1, 2, 3));
  expect(copy).toBeInstanceOf(Int32Array);
  expect([...copy]).toEqual([-1, 2, 3, 0, 0, 0]);
});
