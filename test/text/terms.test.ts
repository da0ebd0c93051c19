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

describe("forms of the same word", () => {
  it("reads every way of writing a unit as one term", () => {
    expect(termsOf("1,900 kilometres, 1900 km, 830 kilometers")).toEqual(
      termsOf("1900 km 1900 km 830 km"),
    );
    expect(termsOf("14.5 metres, 12 ft, 19 mi, 800 kg")).toEqual(
      termsOf("14.5 meters 12 feet 19 miles 800 kilograms"),
    );
    expect(termsOf("25% and 40 per cent")).toEqual(termsOf("25 percent and 40 percent"));
    expect(termsOf("$2,000 or USD 62 bn")).toEqual(termsOf("dollars 2000 or dollar 62 billion"));
  });

  it("reads 'm' as a million after an amount of money and as a metre after any other number", () => {
    expect(termsOf("$5m")).toEqual(["dollar", "5", "million"]);
    expect(termsOf("Rs 5 mn")).toEqual(["rupee", "5", "million"]);
    expect(termsOf("a 14 m channel")).toEqual(["14", "metre", "channel"]);
    expect(termsOf("plan m")).toEqual(["plan"]);
  });

  it("reads numbers in words as their digits, with 'one' alone left a word", () => {
    expect(termsOf("two thousand hours")).toEqual(["2000", "hour"]);
    expect(termsOf("a ten-year deal")).toEqual(["10", "year", "deal"]);
    expect(termsOf("two hundred and fifty boats")).toEqual(["250", "boat"]);
    expect(termsOf("twenty-five, five twenty")).toEqual(["25", "5", "20"]);
    expect(termsOf("one billion dollars")).toEqual(["1", "billion", "dollar"]);
    expect(termsOf("one of them")).toEqual(["one"]);
    expect(termsOf("two constructor")).toEqual(["2", "constructor"]);
  });

  it("keeps the number words' offsets in the original text", () => {
    const text = "It took two thousand hours.";
    const number = extractTerms(text).find((t) => t.term === "2000");
    expect(text.slice(number?.start, number?.end)).toBe("two thousand");
  });

  it("reads a long run of number words as several bounded numbers", () => {
    const terms = termsOf(Array.from({ length: 5_000 }, () => "nine hundred").join(" "));
    expect(terms.length).toBeGreaterThan(500);
    expect(terms.filter((t) => /^\d/.test(t)).every((t) => Number(t) < 1_000_000)).toBe(true);
  });

  it("folds British spellings and their inflections to the American term", () => {
    expect(
      termsOf("recognised recognising organisation programmes centres labour travelled"),
    ).toEqual(termsOf("recognized recognizing organization programs centers labor traveled"));
  });
});
