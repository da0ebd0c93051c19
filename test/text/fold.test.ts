import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldKeepingOffsets, foldText } from "../../src/text/fold.ts";

/** The definition: every character folded on its own, a stand-in where its length would change. */
function foldEachCharacter(text: string): string {
  let out = "";
  for (const ch of text) {
    const folded = foldText(ch);
    out += folded.length === ch.length ? folded : ch.length === 1 ? (folded[0] ?? " ") : ch;
  }
  return out;
}

const awkward = fc.constantFrom(
  "a",
  "B",
  "`",
  "’",
  "é",
  "İ",
  "ﬁ",
  "😀",
  " ",
  "\u0301",
  "Å",
  "\ud800",
);

describe("foldKeepingOffsets", () => {
  it("folds text with non-ASCII characters as folding each character would, same length", () => {
    fc.assert(
      fc.property(fc.string({ unit: awkward, minLength: 1, maxLength: 60 }), (text) => {
        fc.pre(/[^\p{ASCII}]/u.test(text));
        const folded = foldKeepingOffsets(text);
        expect(folded).toBe(foldEachCharacter(text));
        expect(folded).toHaveLength(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("lower-cases plain ASCII", () => {
    expect(foldKeepingOffsets("Iran-Pakistan `Gas` Pipeline")).toBe("iran-pakistan `gas` pipeline");
    expect(foldKeepingOffsets("Iran’s `Gas` Pipeline")).toBe("iran's 'gas' pipeline");
  });
});
