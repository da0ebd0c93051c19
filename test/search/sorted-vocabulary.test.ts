import fc from "fast-check";
import SearchableMap from "minisearch/SearchableMap";
import { describe, expect, it } from "vitest";
import { SortedVocabulary } from "../../src/search/sorted-vocabulary.ts";

/** Short words over few letters, so that many are within an edit or two of each other. */
const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d", "é"), maxLength: 7 });

/** The same words in MiniSearch's tree and in a vocabulary made of half of them, then grown. */
function both(words: string[]) {
  const entries = [...new Map(words.map((w, i) => [w, i]))];
  const tree = new SearchableMap<number>();
  for (const [w, i] of entries) tree.set(w, i);
  const half = Math.floor(entries.length / 2);
  const sorted = SortedVocabulary.from(entries.slice(0, half));
  sorted.fuzzyGet("", 0);
  for (const [w, i] of entries.slice(half)) sorted.set(w, i);
  return { sorted, tree };
}

describe("SortedVocabulary", () => {
  it("finds what MiniSearch's radix tree finds, at the same distances, for any words and query", () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 60 }),
        word,
        fc.integer({ min: 0, max: 3 }),
        (words, query, maxDistance) => {
          const { sorted, tree } = both(words);
          const byWord = (m: Map<string, [number, number]>) =>
            [...m].sort(([a], [b]) => (a < b ? -1 : 1));
          expect(byWord(sorted.fuzzyGet(query, maxDistance))).toEqual(
            byWord(tree.fuzzyGet(query, maxDistance)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("lists the words with a prefix as MiniSearch's radix tree does", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), word, (words, prefix) => {
        const { sorted, tree } = both(words);
        expect(sorted.keysWithPrefix(prefix)).toEqual([...tree.atPrefix(prefix).keys()].sort());
      }),
    );
  });

  it("gets, sets and replaces words as a map does, in any order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.integer())), word, (sets, probe) => {
        const vocabulary = SortedVocabulary.from(new Map<string, number>());
        const map = new Map<string, number>();
        for (const [w, v] of sets) {
          vocabulary.set(w, v);
          map.set(w, v);
        }
        expect(vocabulary.size).toBe(map.size);
        for (const w of [...map.keys(), probe]) {
          expect(vocabulary.get(w)).toBe(map.get(w));
          expect(vocabulary.has(w)).toBe(map.has(w));
        }
      }),
    );
  });

  it("finds words that differ in their first letter, and none beyond the distance", () => {
    const { sorted } = both(["pipeline", "sideline", "pipelines", "pipe"]);
    expect([...sorted.fuzzyGet("pipelinez", 1)]).toEqual([
      ["pipeline", [0, 1]],
      ["pipelines", [2, 1]],
    ]);
    expect([...sorted.fuzzyGet("ripeline", 1).keys()]).toEqual(["pipeline"]);
  });
});
