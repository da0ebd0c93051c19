import type { AcronymPair } from "../text/acronyms.ts";

/**
 * The index as flat arrays: what a persisted index file holds (see index-file.ts) and what
 * serving reads. `FlatIndexBuilder` builds it, counting terms as MiniSearch does with our
 * options (see build-index.ts); nothing here depends on MiniSearch's own structures, so a
 * 100,000-passage index is a few typed arrays instead of millions of map entries, loads in one
 * read and keeps the heap small.
 */
export interface FlatIndex {
  /** Field names by field id. */
  fields: readonly string[];
  /** Documents (facts first, then passages), by short id: see `documentIdsOf`. */
  documentCount: number;
  /** Per field id, MiniSearch's running average of the field length over all documents. */
  averageFieldLength: readonly number[];
  /** Per field id, then short id: the field's length in distinct terms (`fields × documents`). */
  fieldLengths: Uint32Array;
  /** Every term, in the order its postings are stored and the vocabulary is built. */
  terms: readonly string[];
  /** Per term, where its runs start in `runFields`/`runStarts`; one more entry closes the last. */
  termRuns: Uint32Array;
  /** Per run: the field it is in. */
  runFields: Uint8Array;
  /** Per run: where its postings start in `ids`/`frequencies`; one more entry closes the last. */
  runStarts: Uint32Array;
  /** Short document ids, ascending within each run. */
  ids: Uint32Array;
  /** How often the term occurs in that field of that document. */
  frequencies: Uint16Array;
  /** Per term: in how many passages it occurs (facts not counted). */
  documentFrequency: Uint32Array;
  /** Per term: the first spelling seen, for "did you mean" and corrections shown ("": none). */
  surfaceForms: readonly string[];
  /** Every folded word seen (stop words excluded), in code-unit order (see `compareTerms`). */
  words: readonly string[];
  /** Per word: the index of its term in `terms`. */
  wordTerms: Uint32Array;
  /** Acronyms the knowledge taught, with their long forms (see `search/acronyms.ts`). */
  acronyms: readonly AcronymPair[];
}

/** Counts that size the arrays: a persisted index states them, and reading checks them. */
export interface FlatIndexCounts {
  documents: number;
  fields: number;
  terms: number;
  runs: number;
  postings: number;
  words: number;
}

export function countsOf(index: FlatIndex): FlatIndexCounts {
  return {
    documents: index.documentCount,
    fields: index.fields.length,
    terms: index.terms.length,
    runs: index.runFields.length,
    postings: index.ids.length,
    words: index.words.length,
  };
}

/** The largest term frequency stored: a term repeated more often in one field scores the same. */
export const MAX_FREQUENCY = 0xffff;
