import { createHash } from "node:crypto";
import type { KnowledgeBase } from "../../knowledge/types.ts";
import type { AcronymPair } from "../../text/acronyms.ts";
import { LayeredMap } from "../../util/layered-map.ts";
import type { AcronymTally } from "../acronyms.ts";
import type { SearchIndex } from "../build-index.ts";
import { INDEX_FORMAT_VERSION, PersistedIndexError } from "../persist-index.ts";
import { type SavedSegments, type Segment, segmentsOf } from "./segmented-index.ts";

/**
 * An index grown by segments, persisted: a list of its segments (each segment's flat index is a
 * file of its own, written once: the big one is the persisted index it grew from), which of
 * their documents are deleted, and the overlays a search reads that the segments cannot say
 * themselves. A restart then reads files and reassembles; it never re-indexes.
 *
 * The list is JSON lines: a header, then per segment a line and its document ids a few
 * thousand a line (a line is one step of writing, so a bot keeps answering while it saves),
 * the overlays, and a sha256 over every line before it.
 */
const SEGMENTS_FORMAT_VERSION = 1;
const IDS_PER_LINE = 5_000;

/** Where a segment's flat index is persisted: its file, and the stamp in that file's header. */
export interface SegmentFile {
  file: string;
  stamp: string;
}

interface Header {
  version: number;
  /** Segment files are persisted indexes of this version: another reads as another version. */
  indexVersion: number;
  /** The knowledge the index serves. */
  hash: string;
  segments: number;
}

interface SegmentLine {
  segment: SegmentFile & { level: number; documents: number; deleted: number[] };
}

interface OverlaysLine {
  overlays: {
    deletedFrequency: [string, number][];
    /** null: the term is gone. */
    surfaceForms: [string, string | null][];
    deadWords: string[];
    /** null: the index has not grown since it was built (nothing counted yet). */
    acronyms: [string, AcronymPair, number][] | null;
  };
}

type Line = Partial<Header & SegmentLine & OverlaysLine & { ids: string[]; checksum: string }>;

/**
 * The list of `index`'s segments, `files[s]` naming where segment `s` is persisted; the last
 * line is the checksum of all before it.
 */
export function* segmentsListLines(
  index: SearchIndex,
  files: readonly SegmentFile[],
): Generator<string> {
  const state = segmentsOf(index);
  const checksum = createHash("sha256");
  const emit = (line: object) => {
    const text = JSON.stringify(line);
    checksum.update(`${text}\n`);
    return text;
  };
  const header: Header = {
    version: SEGMENTS_FORMAT_VERSION,
    indexVersion: INDEX_FORMAT_VERSION,
    hash: index.kb.hash,
    segments: state.segments.length,
  };
  yield emit(header);
  for (const [s, segment] of state.segments.entries()) {
    const file = files[s];
    if (file === undefined) throw new Error(`segment ${s} has no file`);
    yield emit({ segment: { ...file, ...shapeOf(segment) } } satisfies SegmentLine);
    for (let at = 0; at < segment.documentIds.length; at += IDS_PER_LINE) {
      yield emit({ ids: segment.documentIds.slice(at, at + IDS_PER_LINE) });
    }
  }
  const overlays: OverlaysLine["overlays"] = {
    deletedFrequency: [...state.deletedFrequency.entries()],
    surfaceForms: [...state.surfaceForms.entries()].map(([term, form]) => [term, form ?? null]),
    deadWords: [...state.deadWords.keys()],
    acronyms:
      state.acronyms === undefined
        ? null
        : [...state.acronyms].map(([key, { pair, articles }]) => [key, pair, articles]),
  };
  yield emit({ overlays } satisfies OverlaysLine);
  yield JSON.stringify({ checksum: checksum.digest("hex") });
}

function shapeOf(segment: Segment) {
  const deleted: number[] = [];
  segment.deleted.forEach((d, i) => {
    if (d === 1) deleted.push(i);
  });
  return { level: segment.level, documents: segment.documentIds.length, deleted };
}

/** A list of segments as read, each segment's flat index still in its file. */
export interface SegmentsList extends Omit<SavedSegments, "segments"> {
  segments: (SegmentFile & Omit<SavedSegments["segments"][number], "flat">)[];
}

/**
 * Reads a list written by `segmentsListLines` for `kb`; undefined when it is for other
 * knowledge or another version. Throws `PersistedIndexError` when it is damaged.
 */
export function readSegmentsList(text: string, kb: KnowledgeBase): SegmentsList | undefined {
  const lines = text.split("\n").filter((line) => line !== "");
  const parsed = lines.map((line, n) => {
    try {
      return JSON.parse(line) as Line;
    } catch {
      throw new PersistedIndexError(`line ${n + 1} is not JSON`);
    }
  });
  const header = parsed[0] ?? {};
  if (
    header.version !== SEGMENTS_FORMAT_VERSION ||
    header.indexVersion !== INDEX_FORMAT_VERSION ||
    header.hash !== kb.hash
  ) {
    return undefined;
  }
  const sum = createHash("sha256");
  for (const line of lines.slice(0, -1)) sum.update(`${line}\n`);
  if (parsed.at(-1)?.checksum !== sum.digest("hex")) {
    throw new PersistedIndexError("cut short or altered: the checksum does not match");
  }
  const segments: SegmentsList["segments"] = [];
  let overlays: OverlaysLine["overlays"] | undefined;
  for (const line of parsed.slice(1, -1)) {
    if (line.segment) {
      const { file, stamp, level, documents, deleted } = line.segment;
      const flags = new Uint8Array(documents);
      for (const i of deleted) {
        if (!(i >= 0 && i < documents))
          throw new PersistedIndexError(`${file}: deleted ${i} of ${documents}`);
        flags[i] = 1;
      }
      segments.push({ file, stamp, level, documentIds: [], deleted: flags });
    } else if (line.ids) {
      const segment = segments.at(-1);
      if (segment === undefined) throw new PersistedIndexError("document ids before a segment");
      (segment.documentIds as string[]).push(...line.ids);
    } else if (line.overlays) {
      overlays = line.overlays;
    }
  }
  if (overlays === undefined || segments.length !== header.segments) {
    throw new PersistedIndexError(
      `${segments.length} segments, the header says ${header.segments}`,
    );
  }
  for (const segment of segments) {
    if (segment.documentIds.length !== segment.deleted.length) {
      throw new PersistedIndexError(`${segment.file}: document ids do not match its count`);
    }
  }
  return {
    segments,
    deletedFrequency: LayeredMap.of(overlays.deletedFrequency),
    surfaceForms: LayeredMap.of(
      overlays.surfaceForms.map(([term, form]) => [term, form ?? undefined] as const),
    ),
    deadWords: LayeredMap.of(overlays.deadWords.map((word) => [word, true] as const)),
    ...(overlays.acronyms === null ? {} : { acronyms: tallyOf(overlays.acronyms) }),
  };
}

function tallyOf(entries: readonly [string, AcronymPair, number][]): AcronymTally {
  return new Map(entries.map(([key, pair, articles]) => [key, { pair, articles }]));
}
