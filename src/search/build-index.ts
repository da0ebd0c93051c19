import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { runSteps, runStepsCooperatively, type Steps } from "../steps.ts";
import { type AliasTable, aliasTableFor } from "./aliases.ts";
import { documentChunks, type IndexedDocument, VocabularyCounter } from "./documents.ts";
import { MINISEARCH_OPTIONS } from "./index-options.ts";

/** A searchable knowledge base: the MiniSearch index plus what the query planner needs. */
export interface SearchIndex {
  kb: KnowledgeBase;
  mini: MiniSearch<IndexedDocument>;
  /** In how many passages each term occurs (informative terms are the rarer ones). */
  documentFrequency: ReadonlyMap<string, number>;
  /** Every term in the index (passages and facts) with the first spelling seen. */
  surfaceForms: ReadonlyMap<string, string>;
  /** Every folded word in the index and its term (stop words excluded). */
  words: ReadonlyMap<string, string>;
  aliases: AliasTable;
}

export interface BuildProgress {
  done: number;
  total: number;
}

export interface BuildIndexOptions {
  /** Documents indexed in one step: the event loop may get a turn between steps. */
  chunkSize: number;
  /** Longest run of steps before the event loop gets a turn (async build only). */
  budgetMs: number;
  onProgress?: (progress: BuildProgress) => void;
}

/** Small steps, a few milliseconds of work between turns: answers wait that long at most. */
export const defaultBuildIndexOptions: BuildIndexOptions = { chunkSize: 25, budgetMs: 8 };

/** Builds the index in one go: for start-up and tests, where nothing else waits. */
export function buildIndex(kb: KnowledgeBase): SearchIndex {
  return runSteps(indexSteps(kb, Number.POSITIVE_INFINITY));
}

/**
 * Builds the index a few milliseconds at a time, so that a running bot keeps answering from
 * its current index while a large knowledge base is re-indexed.
 */
export function buildIndexAsync(
  kb: KnowledgeBase,
  options: Partial<BuildIndexOptions> = {},
): Promise<SearchIndex> {
  const { chunkSize, budgetMs, onProgress } = { ...defaultBuildIndexOptions, ...options };
  return runStepsCooperatively(indexSteps(kb, chunkSize, onProgress), { budgetMs });
}

function* indexSteps(
  kb: KnowledgeBase,
  chunkSize: number,
  onProgress?: (progress: BuildProgress) => void,
): Steps<SearchIndex> {
  const vocabulary = new VocabularyCounter();
  const mini = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  const total = kb.passages.length + kb.facts.length;
  let done = 0;
  for (const chunk of documentChunks(kb, vocabulary, chunkSize)) {
    mini.addAll(chunk);
    done += chunk.length;
    onProgress?.({ done, total });
    yield;
  }
  return { kb, mini, ...vocabulary, aliases: aliasTableFor(kb) };
}
