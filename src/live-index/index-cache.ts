import { mkdir, open, readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { type Logger, silentLogger } from "../log/logger.ts";
import type { SearchIndex } from "../search/build-index.ts";
import type { FlatIndex } from "../search/flat-index.ts";
import {
  deserializeFlatIndexSteps,
  type ExpectedIndex,
  PersistedIndexError,
  type ReadIndexResult,
  serializeIndex,
} from "../search/persist-index.ts";
import { runStepsCooperatively } from "../util/cooperative.ts";
import { writeChunksAtomically } from "./write-lines.ts";

const PREFIX = "index-";

export function indexFileFor(dir: string, hash: string): string {
  return path.join(dir, `${PREFIX}${hash.slice(0, 32)}.bin`);
}

/** Where a flat index read or written here is on disk: its file's name and its header's stamp. */
const persisted = new WeakMap<FlatIndex, { file: string; stamp: string }>();

/** The file `flat` was read from or written to in the cache folder, if it was. */
export function persistedFileOf(flat: FlatIndex): { file: string; stamp: string } | undefined {
  return persisted.get(flat);
}

export function rememberPersisted(flat: FlatIndex, file: string, stamp: string): void {
  persisted.set(flat, { file: path.basename(file), stamp });
}

/**
 * The persisted flat index for exactly this knowledge, or undefined: missing, stale, or
 * damaged. A damaged one is logged as a warning: it is never served, the caller rebuilds.
 */
export async function readCachedIndex(
  dir: string,
  kb: KnowledgeBase,
  logger: Logger = silentLogger,
): Promise<FlatIndex | undefined> {
  const file = indexFileFor(dir, kb.hash);
  try {
    const documents = kb.passages.length + kb.facts.length;
    const read = await readFlatFile(file, { hash: kb.hash, documents });
    if (read?.status === "other") logger.info(`${file} was written for ${read.reason}; rebuilding`);
    return read?.status === "ok" ? read.flat : undefined;
  } catch (error) {
    if (!(error instanceof PersistedIndexError)) throw error;
    logger.warn(`the persisted index ${file} is damaged (${error.message}); rebuilding it`);
    return undefined;
  }
}

/**
 * The flat index in `file` (undefined: there is none), remembered as read from it when it is
 * the one `expected` says. Throws `PersistedIndexError` when it is damaged.
 */
export async function readFlatFile(
  file: string,
  expected: ExpectedIndex,
): Promise<ReadIndexResult | undefined> {
  const ahead = await takeReadAhead(file);
  const bytes = ahead ? ahead.bytes : await readFile(file).catch(() => undefined);
  if (bytes === undefined) return undefined;
  const read = await runStepsCooperatively(deserializeFlatIndexSteps(bytes, expected));
  if (read.status === "ok") rememberPersisted(read.flat, file, expected.hash);
  return read;
}

/**
 * Writes the index (see `writeChunksAtomically`) and removes indexes of older knowledge, and
 * segments (see segments-cache.ts): an index built in full supersedes them.
 */
export async function writeCachedIndex(dir: string, index: SearchIndex): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = indexFileFor(dir, index.kb.hash);
  await writeChunksAtomically(target, serializeIndex(index));
  rememberPersisted(index.flat, target, index.kb.hash);
  await removeUnused(dir, [path.basename(target)]);
  return target;
}

/** Every prefix of the files the persisted index is made of: indexes, segments, their lists. */
const INDEX_PREFIXES = [PREFIX, "segment-", "segments-"];

/** Removes the index files in `dir` (see `INDEX_PREFIXES`) other than those named in `keep`. */
export async function removeUnused(dir: string, keep: readonly string[]): Promise<void> {
  const kept = new Set(keep);
  const stale = (await readdir(dir)).filter(
    (name) => INDEX_PREFIXES.some((prefix) => name.startsWith(prefix)) && !kept.has(name),
  );
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
}

/** Removes the files in `dir` named `prefix…` other than `keep`. */
export async function removeOthers(dir: string, prefix: string, keep: string): Promise<void> {
  const stale = (await readdir(dir)).filter(
    (name) => name.startsWith(prefix) && path.join(dir, name) !== keep,
  );
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
}

/** A persisted index file read ahead of need, with what tells it is still the file on disk. */
interface ReadAhead {
  bytes: Buffer;
  identity: string;
}

/** Files read ahead by `readIndexFilesAhead`, by path, until read or dropped. */
const readAhead = new Map<string, Promise<ReadAhead | undefined>>();

/** The file names of persisted indexes and segments (see segments-cache.ts). */
const INDEX_FILE = /^(index|segment)-.*\.bin$/;

/**
 * Starts reading the persisted index files in `dir` (a whole index or segments) while the start
 * reads the knowledge they are for: at 100,000 passages the main thread otherwise waited 50 to
 * 100 ms for 43 MB after the knowledge. `readFlatFile` takes a file read ahead once, if it is still the
 * same file (written files are renamed into place: a new one is another inode); what no start
 * takes is dropped with `dropReadAhead`.
 */
export async function readIndexFilesAhead(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => INDEX_FILE.test(n))) {
    const file = path.resolve(dir, name);
    readAhead.set(
      file,
      readWhole(file).catch(() => undefined),
    );
  }
}

/** Forgets the files read ahead that no one took. */
export function dropReadAhead(dir: string): void {
  for (const file of readAhead.keys()) {
    if (path.dirname(file) === path.resolve(dir)) readAhead.delete(file);
  }
}

async function readWhole(file: string): Promise<ReadAhead> {
  const handle = await open(file, "r");
  try {
    const identity = identityOf(await handle.stat());
    const bytes = await handle.readFile();
    return { bytes, identity };
  } finally {
    await handle.close();
  }
}

/** The file read ahead, if it was and is still the file at `file`. */
async function takeReadAhead(file: string): Promise<ReadAhead | undefined> {
  const pending = readAhead.get(path.resolve(file));
  if (pending === undefined) return undefined;
  readAhead.delete(path.resolve(file));
  const [ahead, now] = await Promise.all([pending, stat(file).catch(() => undefined)]);
  return ahead && now && identityOf(now) === ahead.identity ? ahead : undefined;
}

function identityOf(info: {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}) {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}
