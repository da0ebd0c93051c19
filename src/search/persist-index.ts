import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { aliasTableFor } from "./aliases.ts";
import type { SearchIndex } from "./build-index.ts";
import type { IndexedDocument } from "./documents.ts";
import { MINISEARCH_OPTIONS } from "./index-options.ts";

/** Bumped whenever the term pipeline or the document shape changes: old files are rebuilt. */
export const INDEX_FORMAT_VERSION = 2;

interface PersistedIndex {
  version: number;
  hash: string;
  mini: unknown;
  documentFrequency: [string, number][];
  surfaceForms: [string, string][];
  words: [string, string][];
}

/** The index as JSON, stamped with the knowledge hash it was built from. */
export function serializeIndex(index: SearchIndex): string {
  const persisted: PersistedIndex = {
    version: INDEX_FORMAT_VERSION,
    hash: index.kb.hash,
    mini: index.mini.toJSON(),
    documentFrequency: [...index.documentFrequency],
    surfaceForms: [...index.surfaceForms],
    words: [...index.words],
  };
  return JSON.stringify(persisted);
}

/**
 * Reads an index written by `serializeIndex`, or returns undefined when it was built from other
 * knowledge or by another version: the caller then rebuilds.
 */
export function deserializeIndex(json: string, kb: KnowledgeBase): SearchIndex | undefined {
  const persisted = JSON.parse(json) as Partial<PersistedIndex>;
  if (persisted.version !== INDEX_FORMAT_VERSION || persisted.hash !== kb.hash) return undefined;
  const mini = MiniSearch.loadJS<IndexedDocument>(
    persisted.mini as Parameters<typeof MiniSearch.loadJS>[0],
    MINISEARCH_OPTIONS,
  );
  return {
    kb,
    mini,
    documentFrequency: new Map(persisted.documentFrequency),
    surfaceForms: new Map(persisted.surfaceForms),
    words: new Map(persisted.words),
    aliases: aliasTableFor(kb),
  };
}
