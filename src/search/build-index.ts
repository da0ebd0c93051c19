import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { runSteps, runStepsCooperatively, type Steps } from "../steps.ts";
import { type AliasTable, aliasTableFor } from "./aliases.ts";
import {
  documentChunks,
  documentIdsOf,
  type IndexedDocument,
  VocabularyCounter,
} from "./documents.ts";
import type { FlatIndex } from "./flat-index.ts";
import { FlatIndexBuilder } from "./flat-index-builder.ts";
import { INDEXED_FIELDS, MINISEARCH_OPTIONS } from "./index-options.ts";
import { Postings } from "./postings.ts";

/** A searchable knowledge base: the flat index, its lookups, and what the query planner needs. */
export interface SearchIndex {
  kb: KnowledgeBase;
  /** What is persisted: postings, field lengths and vocabulary as flat arrays. */
  flat: FlatIndex;
  postings: Postings;
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
   * small enough that serialising a segment is a short step and that one segment's maps are
   * all the build holds besides the flat arrays.
   */
  segmentSize: number;
  /** Longest run of steps before the event loop gets a turn (async build only). */
  budgetMs: number;
  onProgress?: (progress: BuildProgress) => void;
}

/** Small steps, a few milliseconds of work between turns: answers wait that long at most. */
export const defaultBuildIndexOptions: BuildIndexOptions = {
  chunkSize: 25,
  segmentSize: 2_000,
  budgetMs: 8,
};

/** Builds the index in one go: for start-up and tests, where nothing else waits. */
export function buildIndex(
  kb: KnowledgeBase,
  options: Partial<Omit<BuildIndexOptions, "budgetMs">> = {},
): SearchIndex {
  const { segmentSize, onProgress } = { ...defaultBuildIndexOptions, ...options };
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
    ...defaultBuildIndexOptions,
    ...options,
  };
  return runStepsCooperatively(indexSteps(kb, chunkSize, segmentSize, onProgress), { budgetMs });
}

/** The searchable index over a flat index built or read for `kb`, a step at a time. */
export function* openIndexSteps(kb: KnowledgeBase, flat: FlatIndex): Steps<SearchIndex> {
  const postings = yield* Postings.open(flat);
  return { kb, flat, postings, aliases: aliasTableFor(kb) };
}

function* indexSteps(
  kb: KnowledgeBase,
  chunkSize: number,
  segmentSize: number,
  onProgress?: (progress: BuildProgress) => void,
): Steps<SearchIndex> {
  const vocabulary = new VocabularyCounter();
  const builder = new FlatIndexBuilder(INDEXED_FIELDS);
  const documentIds = documentIdsOf(kb);
  const total = documentIds.length;
  let segment = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  let done = 0;
  // Chunks at most as big as a segment's room, so that segments end where chunks do.
  for (const chunk of documentChunks(kb, vocabulary, Math.min(chunkSize, segmentSize))) {
    for (let i = 0; i < chunk.length; ) {
      const part = chunk.slice(i, i + segmentSize - segment.documentCount);
      builder.noteDocuments(part);
      segment.addAll(part);
      i += part.length;
      done += part.length;
      if (segment.documentCount >= segmentSize) {
        yield;
        yield* builder.addSegment(segment.toJSON(), documentIds);
        segment = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
      }
    }
    onProgress?.({ done, total });
    yield;
  }
  if (segment.documentCount > 0) yield* builder.addSegment(segment.toJSON(), documentIds);
  const flat = yield* builder.finish(vocabulary);
  return yield* openIndexSteps(kb, flat);
}
