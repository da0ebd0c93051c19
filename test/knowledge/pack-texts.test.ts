import { describe, expect, it } from "vitest";
import { quoteWithin, shareFactStrings, TextPacker } from "../../src/knowledge/pack-texts.ts";
import type { Fact, Passage } from "../../src/knowledge/types.ts";
import { runSteps } from "../../src/util/cooperative.ts";

function packAll(texts: readonly string[]): string[] {
  const packer = new TextPacker();
  const out: string[] = [];
  texts.forEach((text, i) => {
    packer.add(text, (packed) => {
      out[i] = packed;
    });
  });
  packer.finish();
  return out;
}

describe("TextPacker", () => {
  it("hands back every text as it was, Latin-1 or not, empty or long", () => {
    const texts = [
      "Pakistan and Iran share a 959km border.",
      "",
      "Café au lait, naïve façade",
      "“Curly quotes” — and an em dash, 😀 and a lone \ud800 surrogate",
      "x".repeat(5 << 20),
      "short",
    ];
    expect(packAll(texts)).toEqual(texts);
  });

  it("hands back texts spread over many chunks in the order they were added", () => {
    const texts = Array.from({ length: 3_000 }, (_, i) => `${i} ${"passage text ".repeat(200)}`);
    expect(packAll(texts)).toEqual(texts);
  });
});

describe("quoteWithin", () => {
  it("gives the same quote, whether or not the text holds it verbatim", () => {
    const text = "The gas pipeline was due in 2014. It is 2,775km long.";
    expect(quoteWithin(text, "It is 2,775km long.")).toBe("It is 2,775km long.");
    expect(quoteWithin(text, "It is  2,775km long.")).toBe("It is  2,775km long.");
  });
});

describe("shareFactStrings", () => {
  it("keeps every fact's quote and file as they were", () => {
    const passage: Passage = {
      id: "ties#1",
      articleId: "ties",
      n: 1,
      line: 3,
      text: "The gas pipeline was due in 2014. It is 2,775km long.",
    };
    const fact = (quote: string): Fact => ({
      id: `ties#1.${quote.length}`,
      origin: "extracted",
      subject: "pipeline",
      attribute: "length",
      value: "2,775km",
      article: "ties",
      paragraph: 1,
      quote,
      tags: [],
      file: ["articles", "ties.txt"].join("/"),
      line: 3,
    });
    const facts = [fact("It is 2,775km long."), fact("not in the passage")];
    const before = structuredClone(facts);
    runSteps(shareFactStrings(facts, (f) => (f.paragraph === 1 ? passage : undefined)));
    expect(facts).toEqual(before);
  });
});
