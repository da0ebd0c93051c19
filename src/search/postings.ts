import type MiniSearch from "minisearch";
import type SearchableMap from "minisearch/SearchableMap";
import type { Steps } from "../steps.ts";
import type { IndexedDocument } from "./documents.ts";

/** Per field id, per short document id: how often a term occurs there. */
export type FieldPostings = ReadonlyMap<number, ReadonlyMap<number, number>>;

/**
 * The parts of a MiniSearch 7 index the scorer reads. They are MiniSearch's own (protected)
 * structures, built, persisted and loaded by MiniSearch; reading them lets a query score only
 * the documents it needs instead of materialising a result object for every match, which is
 * what made common-word questions slow at 100,000 passages. `minisearch` is pinned to an exact
 * version and test/search/postings.test.ts fails loudly if this shape ever changes.
 */
export interface MiniSearchInternals {
  _index: SearchableMap<FieldPostings>;
  _documentIds: Map<number, string>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _fieldIds: Record<string, number>;
}

export function internalsOf(mini: MiniSearch<IndexedDocument>): MiniSearchInternals {
  return mini as unknown as MiniSearchInternals;
}

/** Read access to an index's postings, field lengths and document ids. */
export interface Postings {
  documentCount: number;
  fieldIds: Readonly<Record<string, number>>;
  averageFieldLength: readonly number[];
  get(term: string): FieldPostings | undefined;
  /** Index terms within `maxDistance` edits of `term`, with their distance (exact match excluded). */
  fuzzy(term: string, maxDistance: number): [term: string, distance: number][];
  /** Index terms that start with `prefix` and are longer than it. */
  prefixed(prefix: string): string[];
  documentId(shortId: number): string | undefined;
}

export function postingsOf(mini: MiniSearch<IndexedDocument>): Postings {
  const internals = internalsOf(mini);
  return {
    documentCount: internals._documentCount,
    fieldIds: internals._fieldIds,
    averageFieldLength: internals._avgFieldLength,
    get: (term) => internals._index.get(term),
    fuzzy: (term, maxDistance) =>
      [...internals._index.fuzzyGet(term, maxDistance)]
        .filter(([t]) => t !== term)
        .map(([t, [, distance]]) => [t, distance]),
    prefixed: (prefix) => [...internals._index.atPrefix(prefix).keys()].filter((t) => t !== prefix),
    documentId: (shortId) => internals._documentIds.get(shortId),
  };
}

/** Every step of reading per field id, every document's field length, indexed by short id. */
export function* fieldLengthSteps(mini: MiniSearch<IndexedDocument>): Steps<Float32Array[]> {
  const internals = internalsOf(mini);
  const fields = Object.keys(internals._fieldIds).length;
  // Short ids run from 0 to _nextId - 1.
  const size = internals._nextId;
  const lengths = Array.from({ length: fields }, () => new Float32Array(size));
  let n = 0;
  for (const [shortId, perField] of internals._fieldLength) {
    perField.forEach((length, fieldId) => {
      const field = lengths[fieldId];
      if (field) field[shortId] = length;
    });
    if (++n % STEP_SIZE === 0) yield;
  }
  return lengths;
}

/** Items handled between two possible yields of a step generator. */
export const STEP_SIZE = 5_000;
