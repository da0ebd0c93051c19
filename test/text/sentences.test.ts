import { describe, expect, it } from "vitest";
import { firstSentence, sentenceRanges } from "../../src/text/sentences.ts";

const sentencesOf = (text: string) => sentenceRanges(text).map((r) => text.slice(r.start, r.end));

describe("sentenceRanges", () => {
  it("ends sentences at . ? and ! before a capital or an opening quote, closing quotes kept", () => {
    expect(sentencesOf("Iran was first. Was it? “Yes!” he said. 'No' said she.")).toEqual([
      "Iran was first.",
      "Was it?",
      "“Yes!” he said.",
      "'No' said she.",
    ]);
  });

  it("covers the text from its first to its last word", () => {
    const text = "  One.   Two  ";
    expect(sentenceRanges(text)).toEqual([
      { start: 2, end: 6 },
      { start: 9, end: 12 },
    ]);
    expect(sentenceRanges("   ")).toEqual([]);
  });

  it("does not end a sentence at a title before a name", () => {
    const text =
      "Gen. Bajwa met Maj. Gen. Mousavi and Dr. Rouhani. Mr. Khan, Mrs. Khan and Prof. Ali came.";
    expect(sentencesOf(text)).toEqual([
      "Gen. Bajwa met Maj. Gen. Mousavi and Dr. Rouhani.",
      "Mr. Khan, Mrs. Khan and Prof. Ali came.",
    ]);
  });

  it("does not end a sentence at e.g., i.e., initials, places, dates, numbers or decimals", () => {
    const text = [
      "Routes, e.g. Taftan, and ports, i.e. Gwadar, were named.",
      "J. R. R. Tolkien and George W. Bush never went to St. Petersburg.",
      "It opened on Jan. 5 as No. 3 on the list at 2.5 billion.",
      "U.S. officials and the U.S. Army spoke.",
    ];
    expect(sentencesOf(text.join(" "))).toEqual(text);
  });

  it("ends a sentence at an abbreviation followed by a word that usually opens one", () => {
    expect(sentencesOf("He flew to the U.S. The next day he left.")).toEqual([
      "He flew to the U.S.",
      "The next day he left.",
    ]);
    expect(sentencesOf("They sold oil, gas, etc. But not coal.")).toEqual([
      "They sold oil, gas, etc.",
      "But not coal.",
    ]);
    expect(sentencesOf("He met U.S. President Trump.")).toEqual(["He met U.S. President Trump."]);
  });

  it("still ends a sentence at a capitalised word that is no abbreviation", () => {
    expect(sentencesOf("It reached Pakistan. Bajwa went to Iran. Zarif agreed.")).toEqual([
      "It reached Pakistan.",
      "Bajwa went to Iran.",
      "Zarif agreed.",
    ]);
  });

  it("ends a sentence at every line break, so list items stay apart", () => {
    expect(sentencesOf("Agreed:\ngas pipeline\nborder trade.\nMaj. Gen.\nMousavi\n\nDone")).toEqual(
      ["Agreed:", "gas pipeline", "border trade.", "Maj. Gen.", "Mousavi", "Done"],
    );
  });

  it("does not end a sentence before lower case or a digit", () => {
    expect(sentencesOf("It cost 2.5 billion. then more. 2014 was late.")).toEqual([
      "It cost 2.5 billion. then more. 2014 was late.",
    ]);
  });
});

describe("firstSentence", () => {
  it("is the first sentence with its terminator, or the whole text when there is one", () => {
    expect(firstSentence("Gen. Bajwa visited Tehran. He met Zarif.")).toBe(
      "Gen. Bajwa visited Tehran.",
    );
    expect(firstSentence("One sentence only")).toBe("One sentence only");
  });
});
