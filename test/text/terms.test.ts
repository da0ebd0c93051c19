import { describe, expect, it } from "vitest";
import { stem } from "../../src/text/stem.ts";
import { extractTerms } from "../../src/text/terms.ts";
import { tokenize } from "../../src/text/tokenize.ts";

const termsOf = (text: string) => extractTerms(text).map((t) => t.term);

describe("tokenize", () => {
  it("splits numbers from their units and drops thousands separators", () => {
    expect(tokenize("a 2,775km pipeline and a 959km border").map((t) => t.word)).toEqual([
      "2775",
      "km",
      "pipeline",
      "and",
      "959",
      "km",
      "border",
    ]);
  });

  it("folds case, diacritics and typographic apostrophes but keeps offsets in the original", () => {
    const text = "Pakistan’s Rouhání";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.word)).toEqual(["pakistan's", "rouhani"]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["Pakistan’s", "Rouhání"]);
  });
});

describe("extractTerms", () => {
  it("drops stop words and question words", () => {
    expect(termsOf("Who did Bajwa meet in Tehran?")).toEqual(["bajwa", "meet", "tehran"]);
  });

  it("gives inflected forms of a word the same term", () => {
    expect(termsOf("completed complete")).toEqual(["complet", "complet"]);
    expect(termsOf("pipelines pipeline")).toEqual(["pipelin", "pipelin"]);
    expect(termsOf("Pakistan’s Pakistan")).toEqual(["pakistan", "pakistan"]);
    expect(termsOf("met meeting meet")).toEqual(["meet", "meet", "meet"]);
  });
});

describe("stem", () => {
  it("leaves short words and numbers alone", () => {
    expect(stem("gas")).toBe("gas");
    expect(stem("2014")).toBe("2014");
  });

  it("does not merge words that only share a start", () => {
    expect(stem("border")).not.toBe(stem("borrow"));
    expect(stem("trade")).not.toBe(stem("trader"));
  });
});
