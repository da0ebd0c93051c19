import type { Options } from "minisearch";
import type { IndexedDocument } from "./documents.ts";

/**
 * Field boosts: a fact's subject and attribute say what it is about, its tags are curated
 * topic words; a passage's article title is shared by all its passages, so it counts little.
 */
export const FIELD_BOOSTS: Readonly<Record<keyof Omit<IndexedDocument, "id">, number>> = {
  text: 1,
  title: 0.3,
  subject: 2,
  attribute: 1.5,
  tags: 1.5,
};

/** The fields MiniSearch indexes; a field's id is its position here. */
export const INDEXED_FIELDS: readonly string[] = Object.keys(FIELD_BOOSTS);

const splitTerms = (text: string): string[] => (text === "" ? [] : text.split(" "));

/**
 * How MiniSearch indexes documents. Documents hold finished terms, so tokenizing is a split and
 * term processing is the identity; nothing is stored (passages are in the knowledge base).
 */
export const MINISEARCH_OPTIONS: Options<IndexedDocument> = {
  idField: "id",
  fields: [...INDEXED_FIELDS],
  storeFields: [],
  tokenize: splitTerms,
  processTerm: (term) => term,
};
