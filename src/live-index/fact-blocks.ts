import { packedEncoding } from "../knowledge/pack-texts.ts";
import type { Fact, FactOrigin } from "../knowledge/types.ts";

/**
 * Facts as a block of raw bytes in the parsed knowledge: their fields as columns of 32-bit
 * integers, each short string once in a table, and the table's characters as one run of bytes
 * read back as one string, each string a slice of it. At 100,000 passages the same 79,000 facts
 * as JSON lines (arrays of string indexes) took a start some 0.3 s to parse and left the heap a
 * million short-lived arrays and strings to collect; the columns are read with no parsing.
 *
 * A quote that its passage holds verbatim (an extracted fact's always does) is written as where
 * it stands there, and read back as a slice of the passage's text.
 *
 * The block, in this order (integers little-endian, as the machine has them, like the index):
 * `facts × FIELDS` integers, the tags' string indexes, each string's length, the characters.
 */
export interface FactsBlock {
  facts: number;
  tags: number;
  strings: number;
  encoding: "latin1" | "ucs2";
  /** The whole block's length. */
  bytes: number;
}

/**
 * A fact's columns: its id, its quote (`[start, length]` in its passage, or `[-1, string]`),
 * paragraph and line, then its strings (an absent unit or date is -1), then how many tags it has.
 */
const FIELDS = 14;
const ID = 0;
const QUOTE_AT = 1;
const QUOTE_LENGTH = 2;
const PARAGRAPH = 3;
const LINE = 4;
const ORIGIN = 5;
const SUBJECT = 6;
const ATTRIBUTE = 7;
const VALUE = 8;
const UNIT = 9;
const AS_OF = 10;
const ARTICLE = 11;
const FILE = 12;
const TAG_COUNT = 13;
const INT_BYTES = 4;
const BYTES_PER_CHAR = { latin1: 1, ucs2: 2 } as const;

/** The text of the passage a fact quotes (its article's paragraph), if there is one. */
export type PassageTextOf = (article: string, paragraph: number) => string | undefined;

export function packFactsBlock(
  facts: readonly Fact[],
  passageTextOf: PassageTextOf,
): { block: FactsBlock; bytes: Buffer } {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const at = (text: string | undefined): number => {
    if (text === undefined) return -1;
    let i = indexes.get(text);
    if (i === undefined) {
      i = strings.push(text) - 1;
      indexes.set(text, i);
    }
    return i;
  };
  const columns = new Int32Array(facts.length * FIELDS);
  const tags: number[] = [];
  facts.forEach((f, n) => {
    const row = n * FIELDS;
    const start = passageTextOf(f.article, f.paragraph)?.indexOf(f.quote) ?? -1;
    columns[row + ID] = at(f.id);
    columns[row + QUOTE_AT] = start;
    columns[row + QUOTE_LENGTH] = start === -1 ? at(f.quote) : f.quote.length;
    columns[row + PARAGRAPH] = f.paragraph;
    columns[row + LINE] = f.line;
    columns[row + ORIGIN] = at(f.origin);
    columns[row + SUBJECT] = at(f.subject);
    columns[row + ATTRIBUTE] = at(f.attribute);
    columns[row + VALUE] = at(f.value);
    columns[row + UNIT] = at(f.unit);
    columns[row + AS_OF] = at(f.asOf);
    columns[row + ARTICLE] = at(f.article);
    columns[row + FILE] = at(f.file);
    columns[row + TAG_COUNT] = f.tags.length;
    for (const tag of f.tags) tags.push(at(tag));
  });
  const encoding = strings.some((s) => packedEncoding(s) === "ucs2") ? "ucs2" : "latin1";
  const chars = strings.reduce((n, s) => n + s.length, 0);
  const ints = columns.length + tags.length + strings.length;
  const bytes = Buffer.alloc(ints * INT_BYTES + chars * BYTES_PER_CHAR[encoding]);
  const body = new Int32Array(bytes.buffer, bytes.byteOffset, ints);
  body.set(columns);
  body.set(tags, columns.length);
  body.set(
    strings.map((s) => s.length),
    columns.length + tags.length,
  );
  let written = ints * INT_BYTES;
  for (const s of strings) written += bytes.write(s, written, encoding);
  return {
    block: {
      facts: facts.length,
      tags: tags.length,
      strings: strings.length,
      encoding,
      bytes: bytes.length,
    },
    bytes,
  };
}

/**
 * The facts of a block, their strings slices of one string and their quotes slices of their
 * passages' texts where they were written as positions; undefined when the block does not add
 * up or points outside its table or a passage (a damaged file). `bytes` is only read here.
 */
export function unpackFactsBlock(
  block: FactsBlock,
  bytes: Buffer,
  passageTextOf: PassageTextOf,
): Fact[] | undefined {
  const bytesPerChar = BYTES_PER_CHAR[block.encoding];
  const ints = block.facts * FIELDS + block.tags + block.strings;
  if (
    bytesPerChar === undefined ||
    bytes.length !== block.bytes ||
    bytes.length < ints * INT_BYTES
  ) {
    return undefined;
  }
  const body = intsOf(bytes, ints);
  const lengthsAt = block.facts * FIELDS + block.tags;
  const table = bytes.toString(block.encoding, ints * INT_BYTES);
  const starts = new Int32Array(block.strings + 1);
  for (let i = 0; i < block.strings; i++) {
    const length = body[lengthsAt + i] as number;
    if (length < 0) return undefined;
    starts[i + 1] = (starts[i] as number) + length;
  }
  if (starts[block.strings] !== table.length) return undefined;
  const strings: string[] = new Array(block.strings);
  for (let i = 0; i < block.strings; i++) {
    strings[i] = table.slice(starts[i], starts[i + 1]);
  }
  let damaged = false;
  const text = (i: number): string => {
    const s = strings[i];
    if (s === undefined) damaged = true;
    return s ?? "";
  };
  const facts: Fact[] = new Array(block.facts);
  let tagAt = block.facts * FIELDS;
  for (let n = 0; n < block.facts; n++) {
    const row = n * FIELDS;
    const article = text(body[row + ARTICLE] as number);
    const paragraph = body[row + PARAGRAPH] as number;
    const tagCount = body[row + TAG_COUNT] as number;
    if (tagCount < 0 || tagAt + tagCount > lengthsAt) return undefined;
    const tags: string[] = new Array(tagCount);
    for (let t = 0; t < tagCount; t++) tags[t] = text(body[tagAt + t] as number);
    tagAt += tagCount;
    // One literal, the optional fields set after: spreading them into it takes V8's slow
    // path, for 79,000 facts at every start.
    const fact: Fact = {
      id: text(body[row + ID] as number),
      origin: text(body[row + ORIGIN] as number) as FactOrigin,
      subject: text(body[row + SUBJECT] as number),
      attribute: text(body[row + ATTRIBUTE] as number),
      value: text(body[row + VALUE] as number),
      article,
      paragraph,
      quote: "",
      tags,
      file: text(body[row + FILE] as number),
      line: body[row + LINE] as number,
    };
    const quoteAt = body[row + QUOTE_AT] as number;
    const quoteLength = body[row + QUOTE_LENGTH] as number;
    if (quoteAt === -1) {
      fact.quote = text(quoteLength);
    } else {
      const passage = passageTextOf(article, paragraph);
      if (passage === undefined || quoteAt < 0 || quoteAt + quoteLength > passage.length) {
        return undefined;
      }
      fact.quote = passage.slice(quoteAt, quoteAt + quoteLength);
    }
    const unit = body[row + UNIT] as number;
    const asOf = body[row + AS_OF] as number;
    if (unit !== -1) fact.unit = text(unit);
    if (asOf !== -1) fact.asOf = text(asOf);
    facts[n] = fact;
  }
  return damaged || tagAt !== lengthsAt ? undefined : facts;
}

/** The first `count` integers of `bytes`, copied only when they do not start on a 4-byte boundary. */
function intsOf(bytes: Buffer, count: number): Int32Array {
  if (bytes.byteOffset % INT_BYTES === 0)
    return new Int32Array(bytes.buffer, bytes.byteOffset, count);
  const aligned = new Int32Array(count);
  new Uint8Array(aligned.buffer).set(bytes.subarray(0, count * INT_BYTES));
  return aligned;
}
