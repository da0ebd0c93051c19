import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../knowledge/types.ts";
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
  /** Documents indexed between two yields to the event loop (async build only). */
  chunkSize: number;
  onProgress?: (progress: BuildProgress) => void;
}

/** Small enough that a request waiting behind a chunk waits a few milliseconds at most. */
export const defaultBuildIndexOptions: BuildIndexOptions = { chunkSize: 500 };

/** Builds the index in one go: for start-up and tests, where nothing else waits. */
export function buildIndex(kb: KnowledgeBase): SearchIndex {
  const vocabulary = new VocabularyCounter();
  const mini = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  for (const chunk of documentChunks(kb, vocabulary, Number.POSITIVE_INFINITY)) mini.addAll(chunk);
  return { kb, mini, ...vocabulary, aliases: aliasTableFor(kb) };
}

/**
 * Builds the index in chunks, yielding between them, so that a running bot keeps answering
 * from its current index while a large knowledge base is re-indexed.
 */
export async function buildIndexAsync(
  kb: KnowledgeBase,
  options: Partial<BuildIndexOptions> = {},
): Promise<SearchIndex> {
  const { chunkSize, onProgress } = { ...defaultBuildIndexOptions, ...options };
  const vocabulary = new VocabularyCounter();
  const mini = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
  const total = kb.passages.length + kb.facts.length;
  let done = 0;
  for (const chunk of documentChunks(kb, vocabulary, chunkSize)) {
    mini.addAll(chunk);
    done += chunk.length;
    onProgress?.({ done, total });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { kb, mini, ...vocabulary, aliases: aliasTableFor(kb) };
}
