import { createHash } from "node:crypto";
import MiniSearch from "minisearch";
import { IranpakError } from "../errors.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { aliasTableFor } from "./aliases.ts";
import type { SearchIndex } from "./build-index.ts";
import type { IndexedDocument } from "./documents.ts";
import { MINISEARCH_OPTIONS } from "./index-options.ts";
import { type FieldPostings, internalsOf, STEP_SIZE } from "./postings.ts";

/** Bumped whenever the file layout, the term pipeline or the document shape changes. */
export const INDEX_FORMAT_VERSION = 6;

type MiniSearchJson = ReturnType<MiniSearch["toJSON"]>;

/** What a persisted index holds, written before it and checked after reading it. */
export interface PersistedCounts {
  /** Documents (passages and facts) in the index. */
  documents: number;
  /** Distinct terms, one posting line each. */
  terms: number;
  /** Lines between the header and the checksum line. */
  lines: number;
}

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
  counts: PersistedCounts;
  mini: Omit<MiniSearchJson, "index" | "documentIds" | "fieldLength">;
}

/**
 * The last line: sha256 over every line before it, newline included. It comes last because it
 * is worked out while the lines stream to disk; a file cut short has none.
 */
interface PersistedTrailer {
  sha256: string;
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

/**
 * A persisted index that is damaged: cut short, altered, or not what its header says. Never
 * served: a wrong posting would cite the wrong passage. The caller rebuilds.
 */
export class PersistedIndexError extends IranpakError {
  constructor(message: string) {
    super("INDEX_DAMAGED", message);
    this.name = "PersistedIndexError";
  }
}

/**
 * The index as lines of JSON: a header stamped with the knowledge hash and the counts, the
 * body, and a checksum line over all of it.
 */
export function* serializeIndex(index: SearchIndex): Generator<string> {
  const internals = internalsOf(index.mini);
  const terms = internals._index.size;
  const lines =
    chunkCount(internals._documentIds) +
    chunkCount(internals._fieldLength) +
    chunkCount(index.documentFrequency) +
    chunkCount(index.surfaceForms) +
    chunkCount(index.words) +
    terms;
  const header: PersistedHeader = {
    version: INDEX_FORMAT_VERSION,
    hash: index.kb.hash,
    counts: { documents: internals._documentIds.size, terms, lines },
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
  const checksum = createHash("sha256");
  for (const line of bodyLines(index, header)) {
    checksum.update(`${line}\n`);
    yield line;
  }
  const trailer: PersistedTrailer = { sha256: checksum.digest("hex") };
  yield JSON.stringify(trailer);
}

function* bodyLines(index: SearchIndex, header: PersistedHeader): Generator<string> {
  const internals = internalsOf(index.mini);
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

function chunkCount(map: { size: number }): number {
  return Math.ceil(map.size / STEP_SIZE);
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
 * Reads lines written by `serializeIndex` into a MiniSearch index. Returns undefined when they
 * were built from other knowledge or by another version (the caller rebuilds); throws
 * `PersistedIndexError` when they are damaged: a wrong checksum, a count that does not match,
 * a line that does not parse.
 */
export function deserializeIndex(
  lines: Iterable<string>,
  kb: KnowledgeBase,
): SearchIndex | undefined {
  try {
    return readIndexLines(lines, kb);
  } catch (error) {
    if (error instanceof PersistedIndexError) throw error;
    // Well-formed JSON of the wrong shape fails deeper down; it is damage all the same.
    throw new PersistedIndexError(`unreadable: ${error instanceof Error ? error.message : error}`);
  }
}

function readIndexLines(lines: Iterable<string>, kb: KnowledgeBase): SearchIndex | undefined {
  const iterator = lines[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) throw new PersistedIndexError("the file is empty");
  const header = parseLine(first.value, 1) as Partial<PersistedHeader>;
  if (header.version !== INDEX_FORMAT_VERSION || header.hash !== kb.hash) return undefined;
  const { counts, mini: miniHeader } = header;
  if (counts === undefined || miniHeader === undefined) {
    throw new PersistedIndexError("line 1: the header has no counts");
  }
  const checksum = createHash("sha256").update(`${first.value}\n`);
  const sections: Sections = {
    documentIds: [],
    fieldLength: [],
    documentFrequency: [],
    surfaceForms: [],
    words: [],
  };
  let mini: MiniSearch<IndexedDocument> | undefined;
  const load = () =>
    MiniSearch.loadJS<IndexedDocument>(
      {
        ...miniHeader,
        documentIds: Object.fromEntries(sections.documentIds),
        fieldLength: Object.fromEntries(sections.fieldLength),
        index: [],
      },
      MINISEARCH_OPTIONS,
    );
  for (let n = 1; n <= counts.lines; n++) {
    const next = iterator.next();
    if (next.done) {
      throw new PersistedIndexError(
        `cut short: ${n - 1} of ${counts.lines} lines after the header, and no checksum line`,
      );
    }
    checksum.update(`${next.value}\n`);
    const line = parseLine(next.value, n + 1) as SectionLine | PostingLine;
    if (Array.isArray(line)) {
      mini ??= load();
      addPostings(internalsOf(mini)._index, line, n + 1);
    } else if (Object.hasOwn(sections, line.section) && Array.isArray(line.entries)) {
      (sections[line.section] as unknown[]).push(...line.entries);
    } else {
      throw new PersistedIndexError(`line ${n + 1}: not a section of the index`);
    }
  }
  const trailer = iterator.next();
  if (trailer.done) throw new PersistedIndexError("cut short: no checksum line");
  const expected = (parseLine(trailer.value, counts.lines + 2) as Partial<PersistedTrailer>).sha256;
  if (checksum.digest("hex") !== expected) throw new PersistedIndexError("checksum mismatch");
  for (let rest = iterator.next(); !rest.done; rest = iterator.next()) {
    if (rest.value !== "") throw new PersistedIndexError("lines after the checksum line");
  }
  mini ??= load();
  checkCounts(internalsOf(mini), counts, kb);
  return {
    kb,
    mini,
    documentFrequency: new Map(sections.documentFrequency),
    surfaceForms: new Map(sections.surfaceForms),
    words: new Map(sections.words),
    aliases: aliasTableFor(kb),
  };
}

/**
 * What was read against what the header says and what the knowledge holds: a second guard
 * behind the checksum, and the one that speaks when a file was rewritten consistently wrong.
 */
function checkCounts(
  internals: ReturnType<typeof internalsOf>,
  counts: PersistedCounts,
  kb: KnowledgeBase,
): void {
  const documents = kb.passages.length + kb.facts.length;
  const found = [
    ["documents", internals._documentIds.size, counts.documents],
    ["document count", internals._documentCount, counts.documents],
    ["documents in the knowledge", documents, counts.documents],
    ["terms", internals._index.size, counts.terms],
  ] as const;
  for (const [what, actual, expected] of found) {
    if (actual !== expected) {
      throw new PersistedIndexError(`${what}: ${actual}, the header says ${expected}`);
    }
  }
}

function parseLine(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PersistedIndexError(`line ${lineNumber}: not JSON`);
  }
}

function addPostings(
  index: { set(term: string, data: FieldPostings): unknown },
  [term, ...fields]: PostingLine,
  lineNumber: number,
): void {
  const data = new Map<number, Map<number, number>>();
  for (const field of fields) {
    if (!Array.isArray(field) || !Array.isArray(field[1])) {
      throw new PersistedIndexError(`line ${lineNumber}: not a posting line`);
    }
    const [fieldId, pairs] = field;
    const frequencies = new Map<number, number>();
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      frequencies.set(pairs[i] as number, pairs[i + 1] as number);
    }
    data.set(fieldId, frequencies);
  }
  index.set(term, data);
}
