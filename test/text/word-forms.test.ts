import { describe, expect, it } from "vitest";
import { britishStemsOf, isUnitTerm } from "../../src/text/word-forms.ts";

describe("word forms", () => {
  it("knows a unit's term, and not a word that every object has a property for", () => {
    expect(isUnitTerm("km")).toBe(true);
    expect(isUnitTerm("percent")).toBe(true);
    expect(isUnitTerm("kilometres")).toBe(false);
    expect(isUnitTerm("constructor")).toBe(false);
  });

  it("lists the British stems an American stem stands for", () => {
    expect(britishStemsOf("humor")).toEqual(["humour"]);
    expect(britishStemsOf("recogniz")).toContain("recognis");
    expect(britishStemsOf("tehran")).toEqual([]);
  });
});
