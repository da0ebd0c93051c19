import { describe, expect, it } from "vitest";
import { findConflicts } from "../../src/knowledge/conflicts.ts";
import type { Fact } from "../../src/knowledge/types.ts";

let next = 0;
function fact(article: string, value: string, over: Partial<Fact> = {}): Fact {
  next++;
  return {
    id: `f${next}`,
    origin: "extracted",
    subject: "Iran–Pakistan border",
    attribute: "length",
    value,
    unit: "km",
    article,
    paragraph: 1,
    quote: value,
    tags: [],
    file: `articles/${article}.txt`,
    line: 3,
    ...over,
  };
}

describe("findConflicts", () => {
  it("groups two articles that give one subject and attribute different values", () => {
    const a = fact("a", "959");
    const b = fact("b", "909");
    const other = fact("b", "2,775", { subject: "Gas pipeline" });
    expect(findConflicts([a, other, b])).toEqual([
      { subject: "Iran–Pakistan border", attribute: "length", facts: [a, b] },
    ]);
  });

  it("compares subjects and attributes without case, spacing or a leading article", () => {
    const conflicts = findConflicts([
      fact("a", "959"),
      fact("b", "909", { subject: "the iran–pakistan  Border", attribute: "Length" }),
    ]);
    expect(conflicts).toHaveLength(1);
  });

  it("compares numbers as numbers in their unit", () => {
    expect(findConflicts([fact("a", "2,775"), fact("b", "2775")])).toEqual([]);
    expect(findConflicts([fact("a", "959"), fact("b", "959", { unit: "kilometres" })])).toEqual([]);
    expect(findConflicts([fact("a", "959"), fact("b", "596", { unit: "miles" })])).toEqual([]);
    expect(findConflicts([fact("a", "959"), fact("b", "959", { unit: "miles" })])).toHaveLength(1);
    const money = { attribute: "cost", unit: undefined } as const;
    expect(findConflicts([fact("a", "$7 billion", money), fact("b", "$7bn", money)])).toEqual([]);
    expect(findConflicts([fact("a", "$7 billion", money), fact("b", "£7bn", money)])).toHaveLength(
      1,
    );
  });

  it("compares text values without case or punctuation", () => {
    const capital = { attribute: "capital", unit: undefined } as const;
    expect(findConflicts([fact("a", "Tehran", capital), fact("b", "tehran.", capital)])).toEqual(
      [],
    );
    expect(
      findConflicts([fact("a", "Tehran", capital), fact("b", "Isfahan", capital)]),
    ).toHaveLength(1);
  });

  it("is no conflict when one article gives two values", () => {
    expect(findConflicts([fact("a", "959"), fact("a", "909")])).toEqual([]);
  });

  it("lists every fact on the subject, citations included, when a third article agrees with one", () => {
    const facts = [fact("a", "959"), fact("b", "909"), fact("c", "959")];
    const [conflict] = findConflicts(facts);
    expect(conflict?.facts.map((f) => [f.article, f.value, f.file, f.paragraph])).toEqual([
      ["a", "959", "articles/a.txt", 1],
      ["b", "909", "articles/b.txt", 1],
      ["c", "959", "articles/c.txt", 1],
    ]);
  });
});
