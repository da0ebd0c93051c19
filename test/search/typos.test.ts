import { describe, expect, it } from "vitest";
import { TypoCorrector } from "../../src/search/typos.ts";

const corrector = new TypoCorrector(
  new Map([
    ["paused", "paus"],
    ["clothing", "cloth"],
    ["pipeline", "pipelin"],
    ["pipelines", "pipelin"],
  ]),
);

describe("TypoCorrector", () => {
  it("corrects against words as written, then gives their term", () => {
    expect(corrector.correct("pausad")).toMatchObject([{ term: "paus", distance: 1 }]);
  });

  it("counts swapped neighbouring letters as one edit", () => {
    expect(corrector.correct("lcothing")).toMatchObject([{ term: "cloth", distance: 1 }]);
  });

  it("reports a misspelled stop word as a stop word", () => {
    expect(corrector.correct("throuh")).toMatchObject([{ term: null, distance: 1 }]);
  });

  it("names the words of the knowledge base it read the typo as", () => {
    expect(corrector.correct("pipelinez")).toEqual([
      { term: "pipelin", distance: 1, words: ["pipeline", "pipelines"] },
    ]);
  });

  it("gives each term once, at its closest distance", () => {
    expect(corrector.correct("pipelinez")).toMatchObject([{ term: "pipelin", distance: 1 }]);
  });

  it("needs an edit plausible for the word's length: two edits only from ten letters", () => {
    const sideline = new TypoCorrector(new Map([["sideline", "sidelin"]]));
    expect(sideline.correct("pipeline")).toEqual([]);
    const international = new TypoCorrector(new Map([["international", "international"]]));
    expect(international.correct("intrnatinal")).toMatchObject([
      { term: "international", distance: 2 },
    ]);
  });

  it("tries a second edit only when one edit finds nothing", () => {
    const near = new TypoCorrector(
      new Map([
        ["transportation", "transport"],
        ["transportaxion", "transportaxion"],
      ]),
    );
    expect(near.correct("transportatiom").map((c) => c.term)).toEqual(["transport"]);
    expect(near.correct("transpartatiom")).toMatchObject([{ term: "transport", distance: 2 }]);
  });

  it("does not try to correct a word longer than any word people mistype", () => {
    // The fuzzy lookup costs the square of the length: this took seconds and gigabytes.
    const started = performance.now();
    expect(corrector.correct("ab".repeat(20_000))).toEqual([]);
    expect(corrector.correct("\u0628\u0627".repeat(20_000))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("leaves short words and numbers alone", () => {
    expect(corrector.correct("pipe")).toEqual([]);
    expect(corrector.correct("20144")).toEqual([]);
  });
});
