import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/search/build-index.ts";
import {
  documentChunks,
  type IndexedDocument,
  VocabularyCounter,
} from "../../src/search/documents.ts";
import { MINISEARCH_OPTIONS } from "../../src/search/index-options.ts";
import { findPosting } from "../../src/search/postings.ts";
import { topK } from "../../src/search/top-k.ts";
import { extractTerms } from "../../src/text/terms.ts";
import { reloaded, tinyKnowledge } from "./fixtures.ts";

/** Every posting of an index as MiniSearch's `toJSON` lists them: term → field id → id → tf. */
type PlainPostings = Record<string, Record<string, Record<string, number>>>;

function plainOfMiniSearch(mini: MiniSearch<IndexedDocument>): PlainPostings {
  return Object.fromEntries(mini.toJSON().index);
}

describe("the flat index", () => {
  const kb = tinyKnowledge();

  it("holds what one MiniSearch over every document holds, however small its segments", () => {
    const documents = [...documentChunks(kb, new VocabularyCounter(), 100)].flat();
    const mini = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
    mini.addAll(documents);
    const json = mini.toJSON();
    for (const segmentSize of [1, 3, 2_000]) {
      const { postings, flat } = buildIndex(kb, { segmentSize });
      expect(flat.documentCount).toBe(json.documentCount);
      expect(postings.averageFieldLength).toEqual(json.averageFieldLength);
      const plain: PlainPostings = {};
      for (const term of flat.terms) {
        const byField: Record<string, Record<string, number>> = {};
        for (const run of postings.get(term) ?? []) {
          byField[run.fieldId] = Object.fromEntries(
            [...run.ids].map((id, k) => [String(id), run.frequencies[k] as number]),
          );
        }
        plain[term] = byField;
      }
      expect(plain).toEqual(plainOfMiniSearch(mini));
      for (const [id, lengths] of Object.entries(json.fieldLength)) {
        expect(postings.lengths.map((field) => field[Number(id)])).toEqual(lengths);
      }
    }
  });

  it("lists its terms in the order MiniSearch's own vocabulary does", () => {
    const documents = [...documentChunks(kb, new VocabularyCounter(), 100)].flat();
    const mini = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
    mini.addAll(documents);
    expect(buildIndex(kb, { segmentSize: 2 }).flat.terms).toEqual(
      mini.toJSON().index.map(([term]) => term),
    );
  });

  it("reads term frequencies and field lengths the same built and loaded", () => {
    const built = buildIndex(kb);
    for (const index of [built, reloaded(built)]) {
      const { postings } = index;
      const textField = postings.fieldIds.text as number;
      const border = postings.get("border")?.find((run) => run.fieldId === textField);
      const documentIds = [...kb.facts.map((f) => `fact:${f.id}`), ...kb.passages.map((p) => p.id)];
      const ids = [...(border?.ids ?? [])].map((id) => documentIds[id]);
      expect(ids.sort()).toEqual(["fact:border-length", "ties#1"]);
      const ties1 = documentIds.indexOf("ties#1");
      const at = findPosting(border?.ids ?? new Uint32Array(), ties1);
      expect(border?.frequencies[at]).toBe(2);
      const text = kb.passages.find((p) => p.id === "ties#1")?.text ?? "";
      // MiniSearch counts a field's length in distinct terms.
      const distinct = new Set(extractTerms(text).map((t) => t.term)).size;
      expect(postings.lengths[textField]?.[ties1]).toBe(distinct);
      expect(postings.documentFrequency("border")).toBe(1);
      expect(postings.surfaceForm("pipelin")).toBe("pipeline");
    }
  });

  it("finds index terms by edit distance and by prefix, without the term itself", () => {
    const { postings } = buildIndex(kb);
    expect(postings.fuzzy("pipelon", 1)).toEqual([["pipelin", 1]]);
    expect(postings.prefixed("electr")).toEqual(["electricity"]);
    expect(postings.prefixed("electricity")).toEqual([]);
  });
});

describe("findPosting", () => {
  it("finds an id in an ascending run, or says it is not there", () => {
    const ids = Uint32Array.from([2, 3, 5, 8, 13]);
    expect([2, 5, 13, 1, 4, 14].map((id) => findPosting(ids, id))).toEqual([0, 2, 4, -1, -1, -1]);
  });
});

describe("topK", () => {
  it("returns the k best, best first, as a full sort would", () => {
    const items = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    expect(topK(items, 5, (x) => x)).toEqual([...items].sort((a, b) => b - a).slice(0, 5));
    expect(topK(items, 500, (x) => x)).toHaveLength(200);
    expect(topK(items, 0, (x) => x)).toEqual([]);
  });
});
