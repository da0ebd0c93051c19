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

const splitTerms = (text: string): string[] => (text === "" ? [] : text.split(" "));

/**
 * MiniSearch options shared by building and loading (a loaded index must be read with the
 * options it was built with). Documents and query leaves hold finished terms, so tokenizing is
 * a split and term processing is the identity.
 */
export const MINISEARCH_OPTIONS: Options<IndexedDocument> = {
  idField: "id",
  fields: Object.keys(FIELD_BOOSTS),
  storeFields: [],
  tokenize: splitTerms,
  processTerm: (term) => term,
  searchOptions: {
    tokenize: splitTerms,
    processTerm: (term) => term,
    boost: { ...FIELD_BOOSTS },
  },
};
