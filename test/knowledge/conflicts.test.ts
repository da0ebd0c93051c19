import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changeConflictsSteps, findConflicts } from "../../src/knowledge/conflicts.ts";
import type { Fact, FactConflict } from "../../src/knowledge/types.ts";
import { runSteps } from "../../src/util/cooperative.ts";

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

describe("changeConflictsSteps", () => {
  const ARTICLES = ["a", "b", "c", "d", "e"];
  /** An article's facts: each a subject and a value from a few, so that groups overlap. */
  const articleFacts = fc.array(
    fc.tuple(fc.constantFrom("length", "cost"), fc.constantFrom("959", "909", "7")),
    { maxLength: 4 },
  );
  const facts = (article: string, spec: [string, string][]) =>
    spec.map(([attribute, value]) => fact(article, value, { attribute }));
  /** Curated facts first, then each article's, in article order, as the knowledge lists them. */
  const listOf = (curated: Fact[], byArticle: Map<string, Fact[]>) => [
    ...curated,
    ...ARTICLES.flatMap((a) => byArticle.get(a) ?? []),
  ];

  it("keeps the same list when the change touches no disagreement, and a new one when it does", () => {
    const curated = fact("x", "959", { origin: "curated" });
    const disagreeing = fact("a", "909");
    const before = [curated, disagreeing];
    const conflicts = findConflicts(before);
    const articleOrder = new Map([
      ["a", 0],
      ["b", 1],
    ]);
    const add = (added: Fact[]) =>
      runSteps(
        changeConflictsSteps(conflicts, {
          before,
          after: [...before, ...added],
          removed: [],
          added,
          articleOrder,
        }),
      );
    expect(add([fact("b", "2,775", { subject: "Gas pipeline" })])).toBe(conflicts);
    const joining = [fact("b", "900")];
    const grown = add(joining);
    expect(grown).not.toBe(conflicts);
    expect(grown[0]?.facts).toEqual([curated, disagreeing, ...joining]);
  });

  it("finds the conflicts finding them all anew finds, in the same order, after any changes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ARTICLES), fc.option(articleFacts)), {
          minLength: 1,
          maxLength: 8,
        }),
        (changes) => {
          const curated = [fact("x", "959", { origin: "curated" })];
          const byArticle = new Map<string, Fact[]>();
          let list = listOf(curated, byArticle);
          let conflicts: readonly FactConflict[] = findConflicts(list);
          for (const [article, spec] of changes) {
            const removed = byArticle.get(article) ?? [];
            const added = spec === null ? [] : facts(article, spec);
            if (spec === null) byArticle.delete(article);
            else byArticle.set(article, added);
            const after = listOf(curated, byArticle);
            const articleOrder = new Map(ARTICLES.map((a, i) => [a, i]));
            conflicts = runSteps(
              changeConflictsSteps(conflicts, {
                before: list,
                after,
                removed,
                added,
                articleOrder,
              }),
            );
            list = after;
            expect(conflicts).toEqual(findConflicts(list));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
