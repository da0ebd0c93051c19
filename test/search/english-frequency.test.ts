import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countEnglishFrequency, ENGLISH_FREQUENCY_FILE } from "../../scripts/english-frequency.ts";
import { englishSpecificity } from "../../src/search/english.ts";

describe("the English frequency data", () => {
  it("is what counting the Brown corpus with today's tokenizer, stop words and stemmer gives", () => {
    // Fails after a change to the term pipeline: run `npx tsx scripts/english-frequency.ts`.
    expect(readFileSync(ENGLISH_FREQUENCY_FILE, "utf8")).toBe(countEnglishFrequency());
  });

  it("makes everyday terms less specific than rare ones, and unknown terms the most specific", () => {
    expect(englishSpecificity("time")).toBeLessThan(englishSpecificity("zinc"));
    expect(englishSpecificity("zinc")).toBeLessThan(englishSpecificity("megaregion"));
    expect(englishSpecificity("megaregion")).toBe(1);
  });

  it("reads only its own terms: an object's inherited names are unknown words", () => {
    expect(englishSpecificity("constructor")).toBe(englishSpecificity("megaregion"));
  });
});
