import type { KnowledgeBase } from "../knowledge/types.ts";
import { runSteps, runStepsCooperatively, type Steps } from "../util/cooperative.ts";
import { learnAcronymSteps } from "./acronyms.ts";
import { type AliasTable, aliasTableFor } from "./aliases.ts";
import { documentChunks, documentIdAt, VocabularyCounter } from "./documents.ts";
import type { FlatIndex } from "./flat-index.ts";
import { FlatIndexBuilder } from "./flat-index-builder.ts";
import { INDEXED_FIELDS } from "./index-options.ts";
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
   * Documents whose postings are gathered before they are sorted into a segment's runs (one
   * step, see `FlatIndexBuilder.closeSegment`): small enough that the step is short. The index
   * is the same for any size.
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

/**
 * In one go nothing waits between steps: fewer, bigger segments, and fewer passes over every
 * term's place when each is sorted into runs.
 */
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
 * `vocabulary`, no sorted vocabulary for fuzzy lookups until one is made (see `Postings.open`).
 */
export function* openIndexSteps(
  kb: KnowledgeBase,
  flat: FlatIndex,
  vocabulary = true,
): Steps<SearchIndex> {
  const postings = yield* Postings.open(flat, vocabulary);
  return { kb, flat, postings, aliases: aliasTableFor(kb, flat.acronyms) };
}

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
  // First, while the build holds nothing yet: reading whole articles for acronyms makes
  // hundreds of megabytes of garbage, and the heap grows with what is live meanwhile (at
  // 100,000 passages, learned last, it held the segments' 35 MB too: 70 MB more peak RSS).
  const acronyms = yield* learnAcronymSteps(kb);
  const vocabulary = new VocabularyCounter();
  const total = kb.facts.length + kb.passages.length;
  const builder = new FlatIndexBuilder(INDEXED_FIELDS, total);
  let done = 0;
  for (const chunk of documentChunks(kb, vocabulary, Math.min(chunkSize, segmentSize))) {
    for (const document of chunk) {
      // The index numbers documents as `documentIdAt` does: a persisted one is read against it.
      if (document.id !== documentIdAt(kb, done)) {
        throw new Error(`document ${done} is ${document.id}, not the one expected`);
      }
      builder.addDocument(document);
      done++;
      if (builder.segmentDocuments >= segmentSize) {
        yield;
        builder.closeSegment();
      }
    }
    onProgress?.({ done, total });
    yield;
  }
  return yield* builder.finish(vocabulary, acronyms);
}
