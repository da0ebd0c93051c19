import type { Fact, FactOrigin } from "../knowledge/types.ts";
import { type ColumnBlock, packColumnBlock, unpackColumnBlock } from "./column-block.ts";

/**
 * Facts as a block of raw bytes in the parsed knowledge (see column-block.ts): their fields as
 * columns of integers, each short string once in the block's table, and then each fact's tags.
 *
 * A quote that its passage holds verbatim (an extracted fact's always does) is written as where
 * it stands there, and read back as a slice of the passage's text.
 */
export interface FactsBlock extends ColumnBlock {
  facts: number;
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
  const ints = new Int32Array(columns.length + tags.length);
  ints.set(columns);
  ints.set(tags, columns.length);
  const { block, bytes } = packColumnBlock(ints, strings);
  return { block: { ...block, facts: facts.length }, bytes };
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
  const unpacked = unpackColumnBlock(block, bytes);
  if (unpacked === undefined || !(block.facts >= 0) || block.facts * FIELDS > block.ints) {
    return undefined;
  }
  const { ints: body, strings } = unpacked;
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
    if (tagCount < 0 || tagAt + tagCount > body.length) return undefined;
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
  return damaged || tagAt !== body.length ? undefined : facts;
}
