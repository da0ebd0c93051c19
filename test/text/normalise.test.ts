import { describe, expect, it } from "vitest";
import { findQuote, normaliseWhitespace } from "../../src/text/normalise.ts";

describe("normaliseWhitespace", () => {
  it("collapses runs of spaces, tabs and line breaks to one space and trims", () => {
    expect(normaliseWhitespace("  the\t959km \n\n border  ")).toBe("the 959km border");
  });
});

describe("findQuote", () => {
  it("returns the range of the quote in the original text", () => {
    const text = "Both sides discussed the illegal drug trade.";
    const range = findQuote(text, "the illegal drug");
    expect(range).toEqual({ start: 21, end: 37 });
  });

  it("maps a whitespace-normalised match back to the original characters", () => {
    const text = "trade  along\tthe\n959km   border today";
    const range = findQuote(text, "along the 959km border");
    expect(range).toBeDefined();
    if (range === undefined) return;
    expect(text.slice(range.start, range.end)).toBe("along\tthe\n959km   border");
  });

  it("compares characters exactly apart from whitespace", () => {
    expect(findQuote("the country’s control", "the country's control")).toBeUndefined();
    expect(findQuote("the country’s control", "country’s")).toEqual({ start: 4, end: 13 });
  });

  it("finds the first occurrence as the normalised text has it, across a doubled space too", () => {
    expect(findQuote("the  border and the border", "the border")).toEqual({ start: 0, end: 11 });
    expect(findQuote("the border and the border", "the border")).toEqual({ start: 0, end: 10 });
    expect(findQuote("and the border", "the border")).toEqual({ start: 4, end: 14 });
    expect(findQuote(" the border", "the border")).toEqual({ start: 1, end: 11 });
  });

  it("finds nothing for an empty quote", () => {
    expect(findQuote("some text", "   ")).toBeUndefined();
  });
});
