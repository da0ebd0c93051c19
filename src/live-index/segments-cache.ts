import { randomUUID } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { type Logger, silentLogger } from "../log/logger.ts";
import type { SearchIndex } from "../search/build-index.ts";
import { PersistedIndexError, serializeFlatIndex } from "../search/persist-index.ts";
import {
  readSegmentsList,
  type SegmentFile,
  segmentsListLines,
} from "../search/segments/persist-segments.ts";
import { type SavedSegments, segmentsOf } from "../search/segments/segmented-index.ts";
import {
  persistedFileOf,
  readFlatFile,
  rememberPersisted,
  removeUnused,
  writeCachedIndex,
} from "./index-cache.ts";
import { writeChunksAtomically, writeLinesAtomically } from "./write-lines.ts";

/**
 * The persisted form of an index grown by segments (see `search/segments/persist-segments.ts`):
 * `segments-<hash>.jsonl` lists them; each small segment is a `segment-<id>.bin` written once,
 * and the big one is the `index-<hash>.bin` it grew from, never rewritten.
 */
const LIST_PREFIX = "segments-";
const SEGMENT_PREFIX = "segment-";

function listFileFor(dir: string, hash: string): string {
  return path.join(dir, `${LIST_PREFIX}${hash.slice(0, 32)}.jsonl`);
}

/**
 * Persists `index` so that a restart loads it: a segment list naming the files of its
 * segments, writing only those not on disk yet, then removes every index file no longer
 * named. An index of one segment with nothing deleted (built in full) is persisted as such.
 */
export async function writeCachedSegments(dir: string, index: SearchIndex): Promise<void> {
  const { segments } = segmentsOf(index);
  const [first] = segments;
  if (segments.length === 1 && first !== undefined && !first.deleted.includes(1)) {
    const known = persistedFileOf(first.index.flat);
    if (known?.stamp !== index.kb.hash) await writeCachedIndex(dir, index);
    return;
  }
  await mkdir(dir, { recursive: true });
  const files: SegmentFile[] = [];
  for (const { index: segment } of segments) {
    let file = persistedFileOf(segment.flat);
    if (file === undefined) {
      const stamp = randomUUID();
      const target = path.join(dir, `${SEGMENT_PREFIX}${stamp}.bin`);
      await writeChunksAtomically(target, serializeFlatIndex(segment.flat, stamp));
      rememberPersisted(segment.flat, target, stamp);
      file = { file: path.basename(target), stamp };
    }
    files.push(file);
  }
  const list = listFileFor(dir, index.kb.hash);
  await writeLinesAtomically(list, segmentsListLines(index, files));
  await removeUnused(dir, [path.basename(list), ...files.map((f) => f.file)]);
}

/**
 * The persisted segments of the index for exactly this knowledge, their flat indexes read, or
 * undefined: none, stale, or damaged (logged as a warning: the caller rebuilds).
 */
export async function readCachedSegments(
  dir: string,
  kb: KnowledgeBase,
  logger: Logger = silentLogger,
): Promise<SavedSegments | undefined> {
  const file = listFileFor(dir, kb.hash);
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const list = readSegmentsList(text, kb);
    if (list === undefined) {
      logger.info(`${file} was written for other knowledge or by another version; rebuilding`);
      return undefined;
    }
    const segments = [];
    for (const { file: name, stamp, ...segment } of list.segments) {
      const expected = { hash: stamp, documents: segment.documentIds.length };
      const read = await readFlatFile(path.join(dir, name), expected);
      if (read === undefined) throw new PersistedIndexError(`${name} is missing`);
      if (read.status !== "ok") throw new PersistedIndexError(`${name} is of ${read.reason}`);
      segments.push({ ...segment, flat: read.flat });
    }
    return { ...list, segments };
  } catch (error) {
    if (!(error instanceof PersistedIndexError)) throw error;
    logger.warn(`the persisted segments ${file} are damaged (${error.message}); rebuilding`);
    return undefined;
  }
}
