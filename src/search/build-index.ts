import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { runSteps, runStepsCooperatively, type Steps } from "../util/cooperative.ts";
import { learnAcronymSteps } from "./acronyms.ts";
import { type AliasTable, aliasTableFor } from "./aliases.ts";
import {
  documentChunks,
  documentIdSteps,
  type IndexedDocument,
  VocabularyCounter,
} from "./documents.ts";
import type { FlatIndex } from "./flat-index.ts";
import { FlatIndexBuilder } from "./flat-index-builder.ts";
import { INDEXED_FIELDS, MINISEARCH_OPTIONS } from "./index-options.ts";
import { Postings, type PostingsReader } from "./postings.ts";

/** A searchable knowledge base: the flat index, its lookups, and what the query planner needs. */
export interface SearchIndex {
  kb: KnowledgeBase;
  /** What is persisted: postings, field lengths and vocabulary as flat arrays. */
  flat: FlatIndex;
  postings: PostingsReader;
  aliases: AliasTable;
}

export interface BuildProgress {
  done: number;
  total: number;
}

export interface BuildIndexOptions {
  /** Documents indexed in one step: the event loop may get a turn between steps. */
  chunkSize: number;
  /**
   * Documents MiniSearch indexes before its segment is added to the flat index and dropped:
   * small enough that serialising a segment (one step) is short, and that one segment's maps
   * are all the build holds besides the flat arrays. The index is the same for any size.
   */
  segmentSize: number;
  /** Longest run of steps before the event loop gets a turn (async build only). */
  budgetMs: number;
  onProgress?: (progress: BuildProgress) => void;
}

/** Small steps, a few milliseconds of work between turns: answers wait that long at most. */
export const DEFAULT_BUILD_INDEX_OPTIONS: BuildIndexOptions = {
  chunkSize: 25,
  segmentSize: 500,
  budgetMs: 8,
};

/** In one go nothing waits between steps: bigger segments build faster (13 s, not 20, at 100k). */
const ONE_GO_SEGMENT_SIZE = 2_000;

/** Builds the index in one go: for start-up and tests, where nothing else waits. */
export function buildIndex(
  kb: KnowledgeBase,
  options: Partial<Omit<BuildIndexOptions, "budgetMs">> = {},
): SearchIndex {
  const { segmentSize, onProgress } = {
    ...DEFAULT_BUILD_INDEX_OPTIONS,
    segmentSize: ONE_GO_SEGMENT_SIZE,
    ...options,
  };
  return runSteps(indexSteps(kb, Number.POSITIVE_INFINITY, segmentSize, onProgress));
}

/**
 * Builds the index a few milliseconds at a time, so that a running bot keeps answering from
 * its current index while a large knowledge base is re-indexed.
 */
export function buildIndexAsync(
  kb: KnowledgeBase,
  options: Partial<BuildIndexOptions> = {},
): Promise<SearchIndex> {
  const { chunkSize, segmentSize, budgetMs, onProgress } = {
    ...DEFAULT_BUILD_INDEX_OPTIONS,
    ...options,
  };
  return runStepsCooperatively(indexSteps(kb, chunkSize, segmentSize, onProgress), { budgetMs });
}

/**
 * The searchable index over a flat index built or read for `kb`, a step at a time; without
 * `vocabulary`, no tree for fuzzy lookups until one is made (see `Postings.open`).
 */
export function* openIndexSteps(
  kb: KnowledgeBase,
  flat: FlatIndex,
  vocabulary = true,
): Steps<SearchIndex> {
  const postings = yield* Postings.open(flat, vocabulary);
  return { kb, flat, postings, aliases: aliasTableFor(kb, flat.acronyms) };
}

/** Empty documents each segment starts with (see `newSegment`). */
const SEGMENT_PADDING = 1_100;
const PADDING: readonly IndexedDocument[] = Array.from({ length: SEGMENT_PADDING }, (_, n) => ({
  id: `\u0000padding ${n}`,
  text: "",
  title: "",
  subject: "",
  attribute: "",
  tags: "",
}));

/**
 * A fresh MiniSearch for a segment, its first short ids taken by empty documents (which add
 * no postings). `toJSON` gives each term's postings as an object keyed by short id, and V8
 * lays out an object whose first key is below about 1,024 as an array as long as its largest
 * key: kilobytes for a term in two documents. Keys that start beyond make a compact
 * dictionary, and a 100,000-passage build's garbage, and so its memory, several times smaller.
 */
function newSegment(padding: number): MiniSearch<IndexedDocument> {
  const segment = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  if (padding > 0) segment.addAll(PADDING.slice(0, padding));
  return segment;
}

/**
 * Padding only pays where short ids run high: the few documents of an added article's segment
 * make short arrays unpadded, and padding them was most of the garbage an addition made.
 */
const UNPADDED_DOCUMENTS = 256;

/** The index of `kb`, a few documents a step (see `BuildIndexOptions`). */
export function* indexSteps(
  kb: KnowledgeBase,
  chunkSize: number,
  segmentSize: number,
  onProgress?: (progress: BuildProgress) => void,
): Steps<SearchIndex> {
  const flat = yield* flatIndexSteps(kb, chunkSize, segmentSize, onProgress);
  return yield* openIndexSteps(kb, flat);
}

/** The flat index of `kb`, a few documents a step (see `BuildIndexOptions`). */
export function* flatIndexSteps(
  kb: KnowledgeBase,
  chunkSize: number,
  segmentSize: number,
  onProgress?: (progress: BuildProgress) => void,
): Steps<FlatIndex> {
  const vocabulary = new VocabularyCounter();
  const builder = new FlatIndexBuilder(INDEXED_FIELDS);
  const documentIds = yield* documentIdSteps(kb);
  const total = documentIds.length;
  const padding = total <= UNPADDED_DOCUMENTS ? 0 : SEGMENT_PADDING;
  let segment = newSegment(padding);
  let inSegment = 0;
  let done = 0;
  for (const chunk of documentChunks(kb, vocabulary, Math.min(chunkSize, segmentSize))) {
    for (let i = 0; i < chunk.length; ) {
      const part = chunk.slice(i, i + segmentSize - inSegment);
      segment.addAll(part);
      i += part.length;
      inSegment += part.length;
      done += part.length;
      if (inSegment >= segmentSize) {
        yield;
        yield* builder.addSegment(segment.toJSON(), padding, documentIds);
        segment = newSegment(padding);
        inSegment = 0;
      }
    }
    onProgress?.({ done, total });
    yield;
  }
  if (inSegment > 0) yield* builder.addSegment(segment.toJSON(), padding, documentIds);
  const acronyms = yield* learnAcronymSteps(kb);
  return yield* builder.finish(vocabulary, acronyms);
}
