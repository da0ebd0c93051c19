import { describe, expect, it } from "vitest";
import { TermFinder } from "../../src/search/term-finder.ts";
import { sentenceRanges } from "../../src/text/sentences.ts";
import { extractTerms } from "../../src/text/terms.ts";

/** What `extractTerms` says the text has of `terms`, as [term, start, end] in text order. */
function expected(text: string, terms: string[]): [string, number, number][] {
  return extractTerms(text)
    .filter((t) => terms.includes(t.term))
    .map((t) => [t.term, t.start, t.end]);
}

function found(text: string, terms: string[]): [string, number, number][] {
  const { terms: hits, starts, ends } = new TermFinder(terms).find(text);
  return hits
    .map((i, k): [string, number, number] => [
      terms[i] as string,
      starts[k] as number,
      ends[k] as number,
    ])
    .sort((a, b) => a[1] - b[1]);
}

describe("TermFinder", () => {
  it("finds every form of a term that extractTerms reads as it, and nothing else", () => {
    const text =
      "Parties met. The party's guests, meeting at Tehran’s gate, partied; a partisan wasn't there. Flies fly.";
    const terms = ["party", "meet", "tehran", "fly", "wasn't"];
    expect(found(text, terms)).toEqual(expected(text, terms));
    expect(found(text, terms).map(([t]) => t)).toContain("meet");
  });

  it("finds a term's British spellings as extractTerms reads them, besides its own forms", () => {
    const text =
      "The Humour of it: humorous, humoured. Recognised and recognizing; a rumour ploughed a plow.";
    const terms = ["humor", "recogniz", "rumor", "plow"];
    expect(found(text, terms)).toEqual(expected(text, terms));
    expect(found(text, terms)).toHaveLength(7);
  });

  it("does not take a word inside another word, after an apostrophe or inside a number, for a term", () => {
    const text = "Warring wars: postwar o'war 2war war2 war.";
    expect(found(text, ["war"])).toEqual(expected(text, ["war"]));
  });

  it("reads numbers and accented text as the tokenizer does", () => {
    const text = "Café crème costs 2,775 rials, not 2775.5 or Cafe.";
    const terms = ["cafe", "2775", "creme"];
    expect(found(text, terms)).toEqual(expected(text, terms));
  });

  it("finds, when asked to be exact, only what extractTerms reads as the term where words join", () => {
    const text =
      "It rose 77 per cent, by one cent a share; twenty two rode, then two more and one.";
    const terms = ["cent", "two", "one", "rode"];
    const exact = new TermFinder(terms, [], { exact: true }).find(text);
    const pairs = exact.terms.map((i, k) => [terms[i], exact.starts[k], exact.ends[k]]);
    expect(pairs).toEqual(expected(text, terms));
    expect(pairs.map(([t]) => t)).toEqual(["one", "cent", "rode", "one"]);
  });

  it("finds words exactly as written, stop words too, after the terms", () => {
    const finder = new TermFinder(["war"], ["warring", "whom"]);
    const text = "Whom? The warring whomever, at war.";
    expect(finder.find(text)).toEqual({
      terms: [0, 1, 0, 2],
      starts: [10, 10, 31, 0],
      ends: [17, 17, 34, 4],
    });
  });

  it("groups the terms found by sentence", () => {
    const text = "Gas flows east. The pipeline carries gas. Nothing here.";
    const finder = new TermFinder(extractTerms("gas pipeline").map((t) => t.term));
    const groups = finder.bySentence(text, finder.find(text));
    expect(groups.map((g) => g.sort())).toEqual([[0], [0, 1]]);
    expect(sentenceRanges(text)).toHaveLength(3);
  });
});
