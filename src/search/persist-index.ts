import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { aliasTableFor } from "./aliases.ts";
import type { SearchIndex } from "./build-index.ts";
import type { IndexedDocument } from "./documents.ts";
import { MINISEARCH_OPTIONS } from "./index-options.ts";
import { type FieldPostings, internalsOf } from "./postings.ts";

/** Bumped whenever the term pipeline or the document shape changes: old files are rebuilt. */
export const INDEX_FORMAT_VERSION = 4;

/**
 * The first line of a persisted index: everything but the postings. `mini` is MiniSearch's own
 * serialization (`toJSON`, version 2) with its `index` left out: the postings follow, one term a
 * line, so that neither writing nor reading holds a second copy of a 100,000-passage index.
 * Loading goes through MiniSearch's `loadJS`, then adds the postings as it would.
 */
interface PersistedHeader {
  version: number;
  hash: string;
  mini: Omit<ReturnType<MiniSearch["toJSON"]>, "index">;
  documentFrequency: [string, number][];
  surfaceForms: [string, string][];
  words: [string, string][];
}

/**
 * One posting line: a term and, per field id, its postings as a flat list of short document
 * id and frequency pairs. Numbers in arrays parse several times faster than MiniSearch's
 * objects keyed by id strings, and load time is what a restart waits for.
 */
type PostingLine = [term: string, ...fields: [fieldId: number, pairs: number[]][]];

/** The index as lines of JSON (header first), stamped with the knowledge hash it was built from. */
export function* serializeIndex(index: SearchIndex): Generator<string> {
  const internals = internalsOf(index.mini);
  const header: PersistedHeader = {
    version: INDEX_FORMAT_VERSION,
    hash: index.kb.hash,
    mini: {
      documentCount: internals._documentCount,
      nextId: internals._nextId,
      documentIds: Object.fromEntries(internals._documentIds),
      fieldIds: internals._fieldIds,
      fieldLength: Object.fromEntries(internals._fieldLength),
      averageFieldLength: internals._avgFieldLength,
      storedFields: {},
      dirtCount: internals._dirtCount,
      serializationVersion: 2,
    },
    documentFrequency: [...index.documentFrequency],
    surfaceForms: [...index.surfaceForms],
    words: [...index.words],
  };
  yield JSON.stringify(header);
  for (const [term, fields] of internals._index) {
    const line: PostingLine = [term];
    for (const [fieldId, docs] of fields) {
      const pairs: number[] = [];
      for (const [id, tf] of docs) pairs.push(id, tf);
      line.push([fieldId, pairs]);
    }
    yield JSON.stringify(line);
  }
}

/**
 * Reads lines written by `serializeIndex` into a MiniSearch index (loaded by MiniSearch's own
 * `loadJS`, postings added term by term as it does), or returns undefined when they were
 * built from other knowledge or by another version: the caller then rebuilds.
 */
export function deserializeIndex(
  lines: Iterable<string>,
  kb: KnowledgeBase,
): SearchIndex | undefined {
  const iterator = lines[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return undefined;
  const header = JSON.parse(first.value) as Partial<PersistedHeader>;
  if (header.version !== INDEX_FORMAT_VERSION || header.hash !== kb.hash || !header.mini) {
    return undefined;
  }
  const mini = MiniSearch.loadJS<IndexedDocument>(
    { ...header.mini, index: [] },
    MINISEARCH_OPTIONS,
  );
  const postings = internalsOf(mini)._index;
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    if (next.value === "") continue;
    const [term, ...fields] = JSON.parse(next.value) as PostingLine;
    const data = new Map<number, Map<number, number>>();
    for (const [fieldId, pairs] of fields) {
      const frequencies = new Map<number, number>();
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        frequencies.set(pairs[i] as number, pairs[i + 1] as number);
      }
      data.set(fieldId, frequencies);
    }
    postings.set(term, data as FieldPostings);
  }
  return {
    kb,
    mini,
    documentFrequency: new Map(header.documentFrequency),
    surfaceForms: new Map(header.surfaceForms),
    words: new Map(header.words),
    aliases: aliasTableFor(kb),
  };
}
