import { describe, expect, it } from "vitest";
import { findAcronyms } from "../../src/text/acronyms.ts";

const pairsOf = (text: string) => findAcronyms(text).map((p) => `${p.acronym}=${p.longForm}`);

describe("findAcronyms", () => {
  it("learns an acronym written in parentheses after its long form, in any case", () => {
    expect(pairsOf("Pakistan imports liquefied natural gas (LNG) from Qatar.")).toEqual([
      "LNG=liquefied natural gas",
    ]);
    expect(pairsOf("The State Bank of Pakistan (SBP) allowed it.")).toEqual([
      "SBP=State Bank of Pakistan",
    ]);
  });

  it("learns a long form written in parentheses after its acronym", () => {
    expect(pairsOf("NEPRA (National Electric Power Regulatory Authority) set it.")).toEqual([
      "NEPRA=National Electric Power Regulatory Authority",
    ]);
  });

  it("learns a pair from a text that uses both forms apart, when the long form is capitalised", () => {
    expect(pairsOf("The Karachi Port Trust dredged it.\n\nKPT charges a fee.")).toEqual([
      "KPT=Karachi Port Trust",
    ]);
    expect(pairsOf("The karachi port trust dredged it. KPT charges a fee.")).toEqual([]);
  });

  it("takes no long form from capitals that only start a sentence or are a single letter", () => {
    expect(pairsOf("It was late. Among Critics it rose. The AC broke.")).toEqual([]);
    expect(pairsOf("It holds if P is true; IP is a protocol.")).toEqual([]);
  });

  it("learns nothing from words whose initials do not spell the acronym", () => {
    expect(pairsOf("They met in the capital (UN) today.")).toEqual([]);
    expect(pairsOf("A single letter (A) and a word (Gas) are no acronyms.")).toEqual([]);
  });

  it("reads a long text with many capitalised words and acronyms quickly enough to index", () => {
    const text = Array.from(
      { length: 2_000 },
      (_, i) => `Alpha Beta ${i} AB${"C".repeat(i % 5)} (XY)`,
    ).join(" ");
    expect(pairsOf(text)).toContain("AB=Alpha Beta");
  });
});
