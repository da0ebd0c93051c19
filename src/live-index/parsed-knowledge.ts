import { isAscii } from "node:buffer";
import { createReadStream } from "node:fs";
import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { EXTRACTION_VERSION } from "../knowledge/extraction-version.ts";
import { classifyFile } from "../knowledge/knowledge-file.ts";
import { listKnowledgeTree } from "../knowledge/knowledge-tree.ts";
import { sliceQuotes, TextPacker } from "../knowledge/pack-texts.ts";
import type { Article, Fact, FactConflict, KnowledgeBase, Passage } from "../knowledge/types.ts";
import { runStepsCooperatively } from "../util/cooperative.ts";
import { mapAtMost } from "../util/map-at-most.ts";
import { type FactsLine, packFacts, unpackFacts } from "./fact-lines.ts";
import { removeOthers } from "./index-cache.ts";
import { writeLinesAtomically } from "./write-lines.ts";

/**
 * The knowledge as parsed, kept beside the persisted index so that a restart on an unchanged
 * folder skips reading, parsing and extracting facts from every file (seconds at 100,000
 * passages). Whether the folder is unchanged is told by each file's size and times, not by
 * reading and hashing it.
 */
const PREFIX = "parsed-";
/** Bumped whenever parsing, checking or extracting can give other knowledge from the same files. */
const PARSED_VERSION = 2;

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
  counts: { articles: number; facts: number; lines: number };
}

/** One line per article: its fields, and its passages as [id, n, line, text]. */
type ArticleLine = {
  article: Omit<Article, "passages">;
  passages: [string, number, number, string][];
};
type RestLine = {
  aliases: KnowledgeBase["aliases"];
  /** Each conflict's facts as their positions in the knowledge's facts. */
  conflicts: { subject: string; attribute: string; facts: number[] }[];
};

const FACTS_PER_LINE = 2_000;

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
  await writeLinesAtomically(target, parsedLines(stamps, kb));
  await removeOthers(cacheDir, PREFIX, target);
}

function* parsedLines(stamps: readonly FileStamp[], kb: KnowledgeBase): Generator<string> {
  const factLines = Math.ceil(kb.facts.length / FACTS_PER_LINE);
  const header: ParsedHeader = {
    version: PARSED_VERSION,
    extraction: EXTRACTION_VERSION,
    hash: kb.hash,
    stamps: [...stamps],
    counts: {
      articles: kb.articles.length,
      facts: kb.facts.length,
      lines: kb.articles.length + factLines + 1,
    },
  };
  yield JSON.stringify(header);
  for (const { passages, ...article } of kb.articles) {
    const line: ArticleLine = {
      article,
      passages: passages.map((p) => [p.id, p.n, p.line, p.text]),
    };
    yield JSON.stringify(line);
  }
  for (let i = 0; i < kb.facts.length; i += FACTS_PER_LINE) {
    yield JSON.stringify(packFacts(kb.facts.slice(i, i + FACTS_PER_LINE)));
  }
  const position = new Map(kb.facts.map((fact, i) => [fact, i]));
  const rest: RestLine = {
    aliases: kb.aliases,
    conflicts: kb.conflicts.map((c) => ({
      subject: c.subject,
      attribute: c.attribute,
      facts: c.facts.map((f) => position.get(f) ?? -1),
    })),
  };
  yield JSON.stringify(rest);
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
  const lines = readLines(file);
  const first = await lines.next();
  if (first.done) return undefined;
  const header = JSON.parse(first.value) as ParsedHeader;
  if (
    header.version !== PARSED_VERSION ||
    header.extraction !== EXTRACTION_VERSION ||
    !sameStamps(header.stamps, stamps)
  ) {
    await lines.return(undefined);
    return undefined;
  }
  const articles: Article[] = [];
  const facts: Fact[] = [];
  let rest: RestLine | undefined;
  let n = 0;
  // Passage texts leave the heap as they are read (see pack-texts.ts).
  const packer = new TextPacker();
  for await (const text of lines) {
    if (text === "") continue;
    n++;
    const line = JSON.parse(text) as Partial<ArticleLine & FactsLine & RestLine>;
    if (line.article && line.passages) {
      const articleId = line.article.id;
      const passages = line.passages.map(([id, n, at, text]): Passage => {
        const passage = { id, articleId, n, text, line: at };
        packer.add(text, (packed) => {
          passage.text = packed;
        });
        return passage;
      });
      articles.push({ ...line.article, passages });
    } else if (line.facts && line.strings) {
      const unpacked = unpackFacts(line as FactsLine);
      if (unpacked === undefined) return undefined;
      facts.push(...unpacked);
    } else if (line.aliases && line.conflicts) {
      rest = { aliases: line.aliases, conflicts: line.conflicts };
    }
  }
  packer.finish();
  const { counts } = header;
  if (
    rest === undefined ||
    n !== counts.lines ||
    articles.length !== counts.articles ||
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
  const byId = new Map(articles.map((a) => [a.id, a]));
  // The other strings of the facts are shared already (see fact-lines.ts).
  await runStepsCooperatively(
    sliceQuotes(facts, (fact) => byId.get(fact.article)?.passages[fact.paragraph - 1]),
  );
  return {
    articles,
    passages: articles.flatMap((a) => a.passages),
    facts,
    aliases: rest.aliases,
    conflicts,
    hash: header.hash,
  };
}

/**
 * The file's lines, read a chunk at a time: no copy of the whole file is ever held. Lines of
 * plain ASCII (most of an English knowledge base) are decoded as Latin-1, several times faster
 * than UTF-8 and the same text.
 */
async function* readLines(file: string): AsyncGenerator<string, void, undefined> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const data: Buffer = pending.length > 0 ? Buffer.concat([pending, chunk as Buffer]) : chunk;
    let start = 0;
    for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
      yield decode(data.subarray(start, end));
      start = end + 1;
    }
    pending = data.subarray(start);
  }
  if (pending.length > 0) yield decode(pending);
}

const NEWLINE = 0x0a;

function decode(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}
