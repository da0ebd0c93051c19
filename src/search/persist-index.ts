import { endianness } from "node:os";
import { crc32 } from "node:zlib";
import { IranpakError } from "../errors.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { AcronymPair } from "../text/acronyms.ts";
import { runSteps, type Steps } from "../util/cooperative.ts";
import type { SearchIndex } from "./build-index.ts";
import { countsOf, type FlatIndex, type FlatIndexCounts } from "./flat-index.ts";

/**
 * Bumped whenever the file layout, the term pipeline or the document shape changes (9: a crc32
 * for the checksum, not a sha256).
 */
export const INDEX_FORMAT_VERSION = 9;

/** The first bytes of a persisted index: what it is, before its header says which version. */
const MAGIC = Buffer.from("IRPKIDX\n", "latin1");
/** The header's length, after the magic. */
const LENGTH_BYTES = 4;
const CHECKSUM_BYTES = 4;
const CHUNK_BYTES = 1 << 20;
/** Strings are stored joined by this; no term, word or spelling of one contains it. */
const SEPARATOR = "\n";

/**
 * A persisted index: the magic, the header's length and the header (JSON), the body (the flat
 * index's typed arrays as they are in memory, then its strings), and a crc32 over everything
 * before it (little-endian). Reading it is one file read, a checksum and typed-array views over
 * the bytes: no parsing of postings at all.
 *
 * The checksum tells a file cut short or damaged on disk. It was a sha256: 28 to 40 ms of a start
 * at 100,000 passages (43 MB), a crc32 is 15, and a hash stored beside what it covers never
 * guarded against a file altered on purpose either.
 */
export interface PersistedHeader {
  version: number;
  /** The knowledge it was built from. */
  hash: string;
  /** Typed arrays are stored in the machine's byte order; another order reads as another version. */
  littleEndian: boolean;
  counts: FlatIndexCounts;
  /** Bytes between the header and the checksum. */
  bytes: number;
  fields: string[];
  averageFieldLength: number[];
  /** Bytes of each joined string list, at the end of the body. */
  strings: { terms: number; surfaceForms: number; words: number; acronyms: number };
}

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

type Section = Uint32Array | Uint16Array | Uint8Array;

/** The typed arrays of the body, in file order, widest first so that each stays aligned. */
function sectionsOf(index: FlatIndex): Section[] {
  return [
    index.fieldLengths,
    index.termRuns,
    index.runStarts,
    index.ids,
    index.documentFrequency,
    index.wordTerms,
    index.frequencies,
    index.runFields,
  ];
}

/** Element counts and sizes of the body's typed arrays, from the header's counts. */
function sectionShapes(c: FlatIndexCounts): { length: number; bytesPer: 1 | 2 | 4 }[] {
  return [
    { length: c.fields * c.documents, bytesPer: 4 },
    { length: c.terms + 1, bytesPer: 4 },
    { length: c.runs + 1, bytesPer: 4 },
    { length: c.postings, bytesPer: 4 },
    { length: c.terms, bytesPer: 4 },
    { length: c.words, bytesPer: 4 },
    { length: c.postings, bytesPer: 2 },
    { length: c.runs, bytesPer: 1 },
  ];
}

const padTo4 = (n: number) => (4 - (n % 4)) % 4;

/** Bytes the typed arrays take, each padded to 4 bytes. */
function arrayBytes(counts: FlatIndexCounts): number {
  return sectionShapes(counts).reduce((n, s) => {
    const bytes = s.length * s.bytesPer;
    return n + bytes + padTo4(bytes);
  }, 0);
}

function joined(list: readonly string[], what: string): Buffer {
  for (const s of list) {
    if (s.includes(SEPARATOR))
      throw new Error(`a ${what} holds a line break: ${JSON.stringify(s)}`);
  }
  return Buffer.from(list.join(SEPARATOR), "utf8");
}

/**
 * The persisted index as chunks of bytes, stamped with the knowledge hash and the counts, the
 * checksum last (worked out as the chunks stream to disk, so a file cut short has none). The
 * typed arrays are written as they are in memory, without a copy.
 */
export function serializeIndex(index: SearchIndex): Generator<Uint8Array> {
  return serializeFlatIndex(index.flat, index.kb.hash);
}

/**
 * `serializeIndex` for a flat index stamped with `hash`: the knowledge it was built from, or
 * for one segment of a grown index (see `segments/persist-segments.ts`), the name its list of
 * segments knows it by.
 */
export function* serializeFlatIndex(flat: FlatIndex, hash: string): Generator<Uint8Array> {
  const terms = joined(flat.terms, "term");
  const surfaceForms = joined(flat.surfaceForms, "spelling");
  const words = joined(flat.words, "word");
  const acronyms = joined(
    flat.acronyms.flatMap((p) => [p.acronym, p.longForm]),
    "acronym",
  );
  const counts = countsOf(flat);
  const header: PersistedHeader = {
    version: INDEX_FORMAT_VERSION,
    hash,
    littleEndian: endianness() === "LE",
    counts,
    bytes: arrayBytes(counts) + terms.length + surfaceForms.length + words.length + acronyms.length,
    fields: [...flat.fields],
    averageFieldLength: [...flat.averageFieldLength],
    strings: {
      terms: terms.length,
      surfaceForms: surfaceForms.length,
      words: words.length,
      acronyms: acronyms.length,
    },
  };
  let json = JSON.stringify(header);
  // Pad the header so that the body starts 8-byte aligned (typed-array views need 4).
  json += " ".repeat((8 - ((MAGIC.length + LENGTH_BYTES + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = Buffer.from(json, "utf8");
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32LE(headerBytes.length);
  let checksum = 0;
  const emit = (chunk: Uint8Array) => {
    checksum = crc32(chunk, checksum);
    return chunk;
  };
  yield emit(MAGIC);
  yield emit(length);
  yield emit(headerBytes);
  for (const section of sectionsOf(flat)) {
    const bytes = new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
    // A megabyte at a time: checksumming and writing a long section is not one long step.
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      yield emit(bytes.subarray(at, at + CHUNK_BYTES));
    }
    const pad = padTo4(section.byteLength);
    if (pad > 0) yield emit(new Uint8Array(pad));
  }
  yield emit(terms);
  yield emit(surfaceForms);
  yield emit(words);
  yield emit(acronyms);
  const sum = Buffer.alloc(CHECKSUM_BYTES);
  sum.writeUInt32LE(checksum);
  yield sum;
}

/** What reading a persisted index finds: the flat index, or why it cannot be used. */
export type ReadIndexResult =
  | { status: "ok"; flat: FlatIndex }
  /** Built from other knowledge, or by another version: rebuild, nothing is wrong. */
  | { status: "other"; reason: string };

/**
 * Reads bytes written by `serializeIndex` for `kb`. Throws `PersistedIndexError` when they are
 * damaged: cut short, a wrong checksum, counts that do not add up or do not match `kb`.
 */
export function deserializeIndex(bytes: Uint8Array, kb: KnowledgeBase): ReadIndexResult {
  return runSteps(deserializeIndexSteps(bytes, kb));
}

/**
 * `deserializeIndex` a step at a time: checksumming 45 MB at 100,000 passages is a single
 * 50-150 ms step otherwise, which a running bot's answers would wait behind on a reload.
 */
export function deserializeIndexSteps(
  bytes: Uint8Array,
  kb: KnowledgeBase,
): Steps<ReadIndexResult> {
  return deserializeFlatIndexSteps(bytes, {
    hash: kb.hash,
    documents: kb.passages.length + kb.facts.length,
  });
}

/** What a persisted flat index must have been written for: its stamp and its documents. */
export interface ExpectedIndex {
  hash: string;
  documents: number;
}

/** `deserializeIndexSteps` for a flat index written by `serializeFlatIndex`. */
export function* deserializeFlatIndexSteps(
  bytes: Uint8Array,
  expected: ExpectedIndex,
): Steps<ReadIndexResult> {
  try {
    return yield* readIndex(aligned(bytes), expected);
  } catch (error) {
    if (error instanceof PersistedIndexError) throw error;
    // A header of the wrong shape fails deeper down; it is damage all the same.
    throw new PersistedIndexError(`unreadable: ${error instanceof Error ? error.message : error}`);
  }
}

function* readIndex(data: Buffer, wanted: ExpectedIndex): Steps<ReadIndexResult> {
  const header = readHeader(data);
  if (header.version !== INDEX_FORMAT_VERSION) {
    return { status: "other", reason: `format version ${header.version}` };
  }
  if (header.hash !== wanted.hash) return { status: "other", reason: "other knowledge" };
  if (header.littleEndian !== (endianness() === "LE")) {
    return { status: "other", reason: "another byte order" };
  }
  const bodyStart = MAGIC.length + LENGTH_BYTES + data.readUInt32LE(MAGIC.length);
  if (bodyStart % 8 !== 0) throw new PersistedIndexError("the body is not aligned");
  const expected = bodyStart + header.bytes + CHECKSUM_BYTES;
  if (data.length < expected) {
    throw new PersistedIndexError(`cut short: ${data.length} of ${expected} bytes`);
  }
  if (data.length > expected) throw new PersistedIndexError("bytes after the checksum");
  let sum = 0;
  for (let at = 0; at < expected - CHECKSUM_BYTES; at += CHUNK_BYTES) {
    sum = crc32(data.subarray(at, Math.min(at + CHUNK_BYTES, expected - CHECKSUM_BYTES)), sum);
    yield;
  }
  if (sum !== data.readUInt32LE(expected - CHECKSUM_BYTES)) {
    throw new PersistedIndexError("checksum mismatch");
  }
  return { status: "ok", flat: readBody(data, bodyStart, header, wanted.documents) };
}

function readHeader(data: Buffer): PersistedHeader {
  const start = MAGIC.length + LENGTH_BYTES;
  if (data.length < start) throw new PersistedIndexError(`cut short: ${data.length} bytes`);
  if (!data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new PersistedIndexError("not an index file");
  }
  const end = start + data.readUInt32LE(MAGIC.length);
  if (data.length < end) throw new PersistedIndexError(`cut short in the header`);
  try {
    return JSON.parse(data.toString("utf8", start, end)) as PersistedHeader;
  } catch {
    throw new PersistedIndexError("the header is not JSON");
  }
}

/**
 * The body as typed-array views over the file's bytes. What the checksum cannot see (a file
 * rewritten consistently wrong) the counts do: every section's size follows from them, and
 * they must match the knowledge.
 */
function readBody(data: Buffer, start: number, header: PersistedHeader, documents: number) {
  const { counts, strings } = header;
  const stringBytes = strings.terms + strings.surfaceForms + strings.words + strings.acronyms;
  const checks = [
    ["documents in the knowledge", documents, counts.documents],
    ["fields", header.fields.length, counts.fields],
    ["bytes", arrayBytes(counts) + stringBytes, header.bytes],
  ] as const;
  for (const [what, actual, stated] of checks) {
    if (actual !== stated) {
      throw new PersistedIndexError(`${what}: ${actual}, the header says ${stated}`);
    }
  }
  let at = start;
  const views = sectionShapes(counts).map(({ length, bytesPer }) => {
    const offset = data.byteOffset + at;
    at += length * bytesPer + padTo4(length * bytesPer);
    if (bytesPer === 4) return new Uint32Array(data.buffer, offset, length);
    if (bytesPer === 2) return new Uint16Array(data.buffer, offset, length);
    return new Uint8Array(data.buffer, offset, length);
  });
  const [fieldLengths, termRuns, runStarts, ids, documentFrequency, wordTerms] =
    views as Uint32Array[];
  const frequencies = views[6] as Uint16Array;
  const runFields = views[7] as Uint8Array;
  const list = (bytes: number) => {
    const text = data.toString("utf8", at, at + bytes);
    at += bytes;
    return text === "" ? [] : text.split(SEPARATOR);
  };
  const terms = list(strings.terms);
  const surfaceForms = list(strings.surfaceForms);
  const words = list(strings.words);
  const acronymList = list(strings.acronyms);
  const found = [
    ["terms", terms.length, counts.terms],
    ["spellings", surfaceForms.length, counts.terms],
    ["words", words.length, counts.words],
    ["runs", termRuns?.[counts.terms], counts.runs],
    ["postings", runStarts?.[counts.runs], counts.postings],
    ["acronym pairs", acronymList.length % 2, 0],
  ] as const;
  for (const [what, actual, stated] of found) {
    if (actual !== stated) {
      throw new PersistedIndexError(`${what}: ${actual}, the header says ${stated}`);
    }
  }
  return {
    fields: header.fields,
    documentCount: counts.documents,
    averageFieldLength: header.averageFieldLength,
    fieldLengths,
    terms,
    termRuns,
    runFields,
    runStarts,
    ids,
    frequencies,
    documentFrequency,
    surfaceForms,
    words,
    wordTerms,
    acronyms: pairsOf(acronymList),
  } as FlatIndex;
}

/** `[acronym, long form, acronym, long form, …]` as pairs. */
function pairsOf(list: readonly string[]): AcronymPair[] {
  const pairs: AcronymPair[] = [];
  for (let i = 0; i + 1 < list.length; i += 2) {
    pairs.push({ acronym: list[i] as string, longForm: list[i + 1] as string });
  }
  return pairs;
}

/** Typed-array views need aligned offsets: a small file may sit anywhere in Node's buffer pool. */
function aligned(bytes: Uint8Array): Buffer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteOffset % 8 === 0) return buffer;
  const copy = Buffer.from(new ArrayBuffer(bytes.byteLength));
  buffer.copy(copy);
  return copy;
}
