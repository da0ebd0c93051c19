import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { EXTRACTION_VERSION } from "../knowledge/extraction-version.ts";
import { classifyFile } from "../knowledge/knowledge-file.ts";
import { listKnowledgeTree } from "../knowledge/knowledge-tree.ts";
import { PACKED_CHUNK_BYTES, packedEncoding } from "../knowledge/pack-texts.ts";
import type { Article, Fact, FactConflict, KnowledgeBase, Passage } from "../knowledge/types.ts";
import { mapAtMost } from "../util/map-at-most.ts";
import { type ColumnBlock, packColumnBlock, unpackColumnBlock } from "./column-block.ts";
import {
  type FactsBlock,
  type PassageTextOf,
  packFactsBlock,
  unpackFactsBlock,
} from "./fact-blocks.ts";
import { removeOthers } from "./index-cache.ts";
import { openRecords, type RecordReader } from "./read-records.ts";
import { writeChunksAtomically } from "./write-lines.ts";

/**
 * The knowledge as parsed, kept beside the persisted index so that a restart on an unchanged
 * folder skips reading, parsing and extracting facts from every file (seconds at 100,000
 * passages). Whether the folder is unchanged is told by each file's size and times, not by
 * reading and hashing it.
 *
 * The file: a header line, a line per article, a block of raw bytes with every passage's fields
 * (see column-block.ts), the passages' texts in blocks of raw bytes (each after a line saying how
 * many texts and bytes, and how they are encoded), the facts in blocks of raw bytes too (see
 * fact-blocks.ts), and a last line of aliases and conflicts. Each block becomes one
 * string outside the heap, and each text a slice of it (see pack-texts.ts): texts kept in the
 * JSON cost a start at 100,000 passages 50 MB of strings parsed, copied and collected.
 */
const PREFIX = "parsed-";
/**
 * Bumped whenever parsing, checking or extracting can give other knowledge from the same files,
 * or the file's layout changes (3: passage texts in raw blocks; 4: quotes as positions in their
 * passages; 5: passages' and facts' fields in raw blocks of columns, see column-block.ts).
 */
export const PARSED_VERSION = 5;

/** What tells a knowledge file unchanged without reading it. */
export interface FileStamp {
  rel: string;
  /** Where it really is (a link's target): a link pointed elsewhere is another file. */
  real: string;
  size: number;
  mtimeMs: number;
  /** Changes with any write, even one that sets the modification time back. */
  ctimeMs: number;
}

interface ParsedHeader {
  version: number;
  extraction: number;
  hash: string;
  stamps: FileStamp[];
  counts: { articles: number; passages: number; facts: number; lines: number };
}

/** One line per article: its fields, and how many passages it has. */
type ArticleLine = {
  article: Omit<Article, "passages">;
  passages: number;
};
/**
 * The line before the block of every passage's fields: per passage its n, line and length of
 * its text, and its id as a string.
 */
type PassagesLine = { passagesBlock: ColumnBlock };
const PASSAGE_FIELDS = 3;
/** The line before a block of texts: the next `texts` passages' texts, `bytes` long. */
type TextsLine = { texts: number; bytes: number; encoding: "latin1" | "ucs2" };
type TextBlock = Omit<TextsLine, "texts"> & { texts: string[] };
const BYTES_PER_CHAR: Partial<Record<string, 1 | 2>> = { latin1: 1, ucs2: 2 };
/** The line before a block of facts. */
type FactsLine = { factsBlock: FactsBlock };
type RestLine = {
  aliases: KnowledgeBase["aliases"];
  /** Each conflict's facts as their positions in the knowledge's facts. */
  conflicts: { subject: string; attribute: string; facts: number[] }[];
};

/**
 * Facts a block: reading one is a step of a few milliseconds, and a reload reads them while
 * answers wait.
 */
const FACTS_PER_BLOCK = 5_000;

function fileFor(cacheDir: string, hash: string): string {
  return path.join(cacheDir, `${PREFIX}${hash.slice(0, 32)}.jsonl`);
}

/**
 * The knowledge files of `dir` with their sizes and times, in a stable order; undefined when the
 * folder cannot be listed cleanly (a refused link): the full load then reports why.
 */
/** Files stat'ed side by side when the knowledge folder is stamped. */
const STATS_AT_ONCE = 32;

export async function stampKnowledgeFolder(dir: string): Promise<FileStamp[] | undefined> {
  const tree = await listKnowledgeTree(dir).catch(() => undefined);
  if (tree === undefined || tree.problems.length > 0) return undefined;
  const files = tree.files.filter((file) => classifyFile(file.rel) !== "ignored");
  // A few at a time: thousands of stats issued at once hold the event loop (measured: 160 ms
  // for 2,500 added articles in `npm run bench -- --feeds-only`).
  const stamps = await mapAtMost(STATS_AT_ONCE, files, async ({ rel, real }) => {
    const info = await stat(real).catch(() => undefined);
    return info && { rel, real, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
  });
  return stamps.every((s) => s !== undefined) ? stamps : undefined;
}

export function sameStamps(a: readonly FileStamp[], b: readonly FileStamp[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const t = b[i];
      return (
        t !== undefined &&
        s.rel === t.rel &&
        s.real === t.real &&
        s.size === t.size &&
        s.mtimeMs === t.mtimeMs &&
        s.ctimeMs === t.ctimeMs
      );
    })
  );
}

/**
 * Saves `kb`, parsed from files that carried `stamps` before they were read (a file changed
 * while it was read then looks changed next time), and removes older parsed knowledge.
 */
export async function saveParsedKnowledge(
  cacheDir: string,
  stamps: readonly FileStamp[],
  kb: KnowledgeBase,
): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const target = fileFor(cacheDir, kb.hash);
  await writeChunksAtomically(target, parsedChunks(stamps, kb));
  await removeOthers(cacheDir, PREFIX, target);
}

function* parsedChunks(
  stamps: readonly FileStamp[],
  kb: KnowledgeBase,
): Generator<string | Uint8Array> {
  const blocks = textBlocks(kb.articles.flatMap((a) => a.passages));
  const factLines = Math.ceil(kb.facts.length / FACTS_PER_BLOCK);
  const header: ParsedHeader = {
    version: PARSED_VERSION,
    extraction: EXTRACTION_VERSION,
    hash: kb.hash,
    stamps: [...stamps],
    counts: {
      articles: kb.articles.length,
      passages: blocks.reduce((n, block) => n + block.texts.length, 0),
      facts: kb.facts.length,
      lines: kb.articles.length + 1 + blocks.length + factLines + 1,
    },
  };
  yield `${JSON.stringify(header)}\n`;
  for (const { passages, ...article } of kb.articles) {
    const line: ArticleLine = { article, passages: passages.length };
    yield `${JSON.stringify(line)}\n`;
  }
  const { block, bytes } = passagesBlock(kb.articles);
  yield `${JSON.stringify({ passagesBlock: block } satisfies PassagesLine)}\n`;
  yield bytes;
  for (const { texts, bytes, encoding } of blocks) {
    yield `${JSON.stringify({ texts: texts.length, bytes, encoding } satisfies TextsLine)}\n`;
    const block = Buffer.allocUnsafe(bytes);
    let at = 0;
    for (const text of texts) at += block.write(text, at, encoding);
    yield block;
  }
  yield* factBlocks(kb);
  yield `${restLine(kb)}\n`;
}

function passagesBlock(articles: readonly Article[]): { block: ColumnBlock; bytes: Buffer } {
  const passages = articles.flatMap((a) => a.passages);
  const ints = new Int32Array(passages.length * PASSAGE_FIELDS);
  passages.forEach((p, i) => {
    ints.set([p.n, p.line, p.text.length], i * PASSAGE_FIELDS);
  });
  return packColumnBlock(
    ints,
    passages.map((p) => p.id),
  );
}

/** The texts in order, in runs of one encoding of a few megabytes each. */
function textBlocks(passages: readonly Passage[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  let last: TextBlock | undefined;
  for (const { text } of passages) {
    const encoding = packedEncoding(text);
    const bytes = text.length * (BYTES_PER_CHAR[encoding] as number);
    if (last === undefined || last.encoding !== encoding || last.bytes >= PACKED_CHUNK_BYTES) {
      last = { texts: [], bytes: 0, encoding };
      blocks.push(last);
    }
    last.texts.push(text);
    last.bytes += bytes;
  }
  return blocks;
}

/** Each block of facts after the line that says what it holds. */
function* factBlocks(kb: KnowledgeBase): Generator<string | Uint8Array> {
  const passageTextOf = passageTextsOf(kb.articles);
  for (let i = 0; i < kb.facts.length; i += FACTS_PER_BLOCK) {
    const { block, bytes } = packFactsBlock(kb.facts.slice(i, i + FACTS_PER_BLOCK), passageTextOf);
    yield `${JSON.stringify({ factsBlock: block } satisfies FactsLine)}\n`;
    yield bytes;
  }
}

function restLine(kb: KnowledgeBase): string {
  const position = new Map(kb.facts.map((fact, i) => [fact, i]));
  const rest: RestLine = {
    aliases: kb.aliases,
    conflicts: kb.conflicts.map((c) => ({
      subject: c.subject,
      attribute: c.attribute,
      facts: c.facts.map((f) => position.get(f) ?? -1),
    })),
  };
  return JSON.stringify(rest);
}

/**
 * The parsed knowledge for a folder whose files carry exactly `stamps`; undefined when there is
 * none, it is for other files or another version, or it does not read back whole.
 */
export async function readParsedKnowledge(
  cacheDir: string,
  stamps: readonly FileStamp[],
): Promise<KnowledgeBase | undefined> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(PREFIX) && n.endsWith(".jsonl"))) {
    const kb = await readParsedFile(path.join(cacheDir, name), stamps).catch(() => undefined);
    if (kb) return kb;
  }
  return undefined;
}

async function readParsedFile(
  file: string,
  stamps: readonly FileStamp[],
): Promise<KnowledgeBase | undefined> {
  const records = await openRecords(file);
  try {
    return await readParsedRecords(records, stamps);
  } finally {
    await records.close();
  }
}

async function readParsedRecords(
  records: RecordReader,
  stamps: readonly FileStamp[],
): Promise<KnowledgeBase | undefined> {
  const first = await records.line();
  if (first === undefined) return undefined;
  const header = JSON.parse(first) as ParsedHeader;
  if (
    header.version !== PARSED_VERSION ||
    header.extraction !== EXTRACTION_VERSION ||
    !sameStamps(header.stamps, stamps)
  ) {
    return undefined;
  }
  const articles: Article[] = [];
  const passages: Passage[] = [];
  /** Per passage, its text's length: its slice of the block it is in. */
  let lengths: Int32Array = new Int32Array(0);
  let texts = 0;
  const facts: Fact[] = [];
  /** Read after every article and text: what the facts' quotes are slices of. */
  let passageTextOf: PassageTextOf | undefined;
  let rest: RestLine | undefined;
  let n = 0;
  for (let text = await records.line(); text !== undefined; text = await records.line()) {
    if (text === "") continue;
    n++;
    const line = JSON.parse(text) as Partial<
      ArticleLine & PassagesLine & FactsLine & RestLine & TextsLine
    >;
    if (line.article && line.passages !== undefined) {
      // Its passages come with the block of them all.
      articles.push({ ...line.article, passages: new Array(line.passages) });
    } else if (line.passagesBlock) {
      const bytes = await records.bytes(line.passagesBlock.bytes);
      const read = readPassages(articles, line.passagesBlock, bytes);
      if (read === undefined) return undefined;
      for (const passage of read.passages) passages.push(passage);
      lengths = read.lengths;
    } else if (
      line.encoding !== undefined &&
      line.texts !== undefined &&
      line.bytes !== undefined
    ) {
      const { encoding, texts: count, bytes } = line;
      const block = await records.bytes(bytes);
      if (!fillTexts(passages, lengths, texts, { texts: count, bytes, encoding }, block)) {
        return undefined;
      }
      texts += count;
    } else if (line.factsBlock) {
      passageTextOf ??= passageTextsOf(articles);
      const bytes = await records.bytes(line.factsBlock.bytes);
      const unpacked = unpackFactsBlock(line.factsBlock, bytes, passageTextOf);
      if (unpacked === undefined) return undefined;
      for (const fact of unpacked) facts.push(fact);
    } else if (line.aliases && line.conflicts) {
      rest = { aliases: line.aliases, conflicts: line.conflicts };
    }
  }
  const { counts } = header;
  if (
    rest === undefined ||
    n !== counts.lines ||
    articles.length !== counts.articles ||
    passages.length !== counts.passages ||
    texts !== counts.passages ||
    facts.length !== counts.facts
  ) {
    return undefined;
  }
  const conflicts: FactConflict[] = rest.conflicts.map((c) => ({
    subject: c.subject,
    attribute: c.attribute,
    facts: c.facts.map((i) => facts[i] as Fact),
  }));
  if (conflicts.some((c) => c.facts.includes(undefined as unknown as Fact))) return undefined;
  return {
    articles,
    passages,
    facts,
    aliases: rest.aliases,
    conflicts,
    hash: header.hash,
  };
}

/**
 * Every article's passages from the block of their fields, their texts still to come, and the
 * texts' lengths; undefined when the block does not hold exactly the articles' passages.
 */
function readPassages(
  articles: Article[],
  block: ColumnBlock,
  bytes: Buffer,
): { passages: Passage[]; lengths: Int32Array } | undefined {
  const unpacked = unpackColumnBlock(block, bytes);
  const total = articles.reduce((n, a) => n + a.passages.length, 0);
  if (unpacked === undefined) return undefined;
  const { ints, strings: ids } = unpacked;
  if (ids.length !== total || ints.length !== total * PASSAGE_FIELDS) return undefined;
  const passages: Passage[] = new Array(total);
  const lengths = new Int32Array(total);
  let i = 0;
  for (const article of articles) {
    const own = article.passages;
    for (let k = 0; k < own.length; k++, i++) {
      const at = i * PASSAGE_FIELDS;
      const passage: Passage = {
        id: ids[i] as string,
        articleId: article.id,
        n: ints[at] as number,
        text: "",
        line: ints[at + 1] as number,
      };
      own[k] = passage;
      passages[i] = passage;
      lengths[i] = ints[at + 2] as number;
    }
  }
  return { passages, lengths };
}

/** The text of an article's paragraph, by the article's id. */
function passageTextsOf(articles: readonly Article[]): PassageTextOf {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return (article, paragraph) => byId.get(article)?.passages[paragraph - 1]?.text;
}

/**
 * Gives the passages from `first` on their texts, slices of the block as one string (outside
 * the heap when it is big: see pack-texts.ts); false when the block does not hold them exactly.
 */
function fillTexts(
  passages: Passage[],
  lengths: Int32Array,
  first: number,
  { texts, bytes, encoding }: TextsLine,
  block: Buffer,
): boolean {
  const bytesPer = BYTES_PER_CHAR[encoding];
  if (bytesPer === undefined || block.length !== bytes || first + texts > passages.length) {
    return false;
  }
  let chars = 0;
  for (let i = first; i < first + texts; i++) chars += lengths[i] as number;
  if (chars * bytesPer !== bytes) return false;
  const packed = block.toString(encoding);
  let at = 0;
  for (let i = first; i < first + texts; i++) {
    const length = lengths[i] as number;
    (passages[i] as Passage).text = packed.slice(at, at + length);
    at += length;
  }
  return true;
}
