import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { aliasTableFor } from "./aliases.ts";
import type { SearchIndex } from "./build-index.ts";
import type { IndexedDocument } from "./documents.ts";
import { MINISEARCH_OPTIONS } from "./index-options.ts";
import { type FieldPostings, internalsOf, STEP_SIZE } from "./postings.ts";

/** Bumped whenever the term pipeline or the document shape changes: old files are rebuilt. */
export const INDEX_FORMAT_VERSION = 5;

type MiniSearchJson = ReturnType<MiniSearch["toJSON"]>;

/**
 * The first line of a persisted index. `mini` is MiniSearch's own serialization (`toJSON`,
 * version 2) without its big parts, which follow as lines of at most a few thousand entries:
 * the section lines, then the postings one term a line. Neither writing nor reading holds a
 * second copy of a 100,000-passage index, and no single line keeps a running bot from
 * answering for long. Loading goes through MiniSearch's `loadJS`, then adds the postings as it
 * would.
 */
interface PersistedHeader {
  version: number;
  hash: string;
  mini: Omit<MiniSearchJson, "index" | "documentIds" | "fieldLength">;
}

/** The parts persisted in chunks, each as `{ section, entries }` lines. */
interface Sections {
  documentIds: [number, string][];
  fieldLength: [number, number[]][];
  documentFrequency: [string, number][];
  surfaceForms: [string, string][];
  words: [string, string][];
}

type SectionLine = { [K in keyof Sections]: { section: K; entries: Sections[K] } }[keyof Sections];

/**
 * One posting line: a term and, per field id, its postings as a flat list of short document
 * id and frequency pairs. Numbers in arrays parse several times faster than MiniSearch's
 * objects keyed by id strings, and load time is what a restart waits for.
 */
type PostingLine = [term: string, ...fields: [fieldId: number, pairs: number[]][]];

/** The index as lines of JSON, stamped with the knowledge hash it was built from. */
export function* serializeIndex(index: SearchIndex): Generator<string> {
  const internals = internalsOf(index.mini);
  const header: PersistedHeader = {
    version: INDEX_FORMAT_VERSION,
    hash: index.kb.hash,
    mini: {
      documentCount: internals._documentCount,
      nextId: internals._nextId,
      fieldIds: internals._fieldIds,
      averageFieldLength: internals._avgFieldLength,
      storedFields: {},
      dirtCount: internals._dirtCount,
      serializationVersion: 2,
    },
  };
  yield JSON.stringify(header);
  yield* sectionLines("documentIds", internals._documentIds);
  yield* sectionLines("fieldLength", internals._fieldLength);
  yield* sectionLines("documentFrequency", index.documentFrequency);
  yield* sectionLines("surfaceForms", index.surfaceForms);
  yield* sectionLines("words", index.words);
  for (const [term, fields] of internals._index) {
    const line: PostingLine = [term];
    for (const [fieldId, docs] of fields) {
      const pairs: number[] = [];
      docs.forEach((tf, id) => {
        pairs.push(id, tf);
      });
      line.push([fieldId, pairs]);
    }
    yield JSON.stringify(line);
  }
}

function* sectionLines<K extends keyof Sections>(
  section: K,
  map: ReadonlyMap<Sections[K][number][0], Sections[K][number][1]>,
): Generator<string> {
  let entries: unknown[] = [];
  for (const entry of map) {
    entries.push(entry);
    if (entries.length === STEP_SIZE) {
      yield JSON.stringify({ section, entries });
      entries = [];
    }
  }
  if (entries.length > 0) yield JSON.stringify({ section, entries });
}

/**
 * Reads lines written by `serializeIndex` into a MiniSearch index, or returns undefined when
 * they were built from other knowledge or by another version: the caller then rebuilds.
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
  const sections: Sections = {
    documentIds: [],
    fieldLength: [],
    documentFrequency: [],
    surfaceForms: [],
    words: [],
  };
  let mini: MiniSearch<IndexedDocument> | undefined;
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    const text = next.value;
    if (text === "") continue;
    if (text.startsWith("{")) {
      const line = JSON.parse(text) as SectionLine;
      (sections[line.section] as unknown[]).push(...line.entries);
      continue;
    }
    mini ??= MiniSearch.loadJS<IndexedDocument>(
      {
        ...header.mini,
        documentIds: Object.fromEntries(sections.documentIds),
        fieldLength: Object.fromEntries(sections.fieldLength),
        index: [],
      },
      MINISEARCH_OPTIONS,
    );
    addPostings(internalsOf(mini)._index, JSON.parse(text) as PostingLine);
  }
  if (mini === undefined) return undefined;
  return {
    kb,
    mini,
    documentFrequency: new Map(sections.documentFrequency),
    surfaceForms: new Map(sections.surfaceForms),
    words: new Map(sections.words),
    aliases: aliasTableFor(kb),
  };
}

function addPostings(
  index: { set(term: string, data: FieldPostings): unknown },
  [term, ...fields]: PostingLine,
): void {
  const data = new Map<number, Map<number, number>>();
  for (const [fieldId, pairs] of fields) {
    const frequencies = new Map<number, number>();
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      frequencies.set(pairs[i] as number, pairs[i + 1] as number);
    }
    data.set(fieldId, frequencies);
  }
  index.set(term, data);
}
