import type { Query, SearchOptions, SearchResult } from "minisearch";
import { type Concept, toConcepts } from "./aliases.ts";
import type { SearchIndex } from "./build-index.ts";
import { isFactDocumentId } from "./documents.ts";
import { extractTerms } from "./terms.ts";

export interface SearchHit {
  id: string;
  kind: "fact" | "passage";
  /** BM25 score, weighted by how many of the question's concepts the document matches. */
  score: number;
  /** Document terms that matched (after alias and typo expansion): what snippets mark. */
  matchedTerms: string[];
  /** Share of the question's informative weight this document matches, from 0 to 1. */
  coverage: number;
}

export interface SearchOutcome {
  hits: SearchHit[];
  concepts: Concept[];
  /** Concepts rare enough to decide whether the knowledge base answers the question. */
  informative: Concept[];
  /** Informative concepts that no document matches. */
  unmatched: Concept[];
  /** True when the best hit covers too little of what was asked to be cited as an answer. */
  abstain: boolean;
}

export interface SearchQueryOptions {
  /** How many hits the caller wants: below this, a search that needs every concept is widened. */
  wanted: number;
  /** A concept in more than this share of passages is common, like "Pakistan" here. */
  commonShare: number;
  /** Below this coverage of the question's informative weight, the best hit does not answer it. */
  minCoverage: number;
  /** Below this many passages, every term counts as informative. */
  minPassagesForCommonTerms: number;
}

export const defaultSearchQueryOptions: SearchQueryOptions = {
  wanted: 10,
  commonShare: 0.5,
  minCoverage: 0.5,
  minPassagesForCommonTerms: 4,
};

/**
 * Searches the way the benchmark showed is fast and precise: every concept required first,
 * widened to any concept only when that finds too little; typo tolerance and prefixes only for
 * words the index does not know, so correctly spelled questions stay precise.
 */
export function searchIndex(
  index: SearchIndex,
  question: string,
  options: Partial<SearchQueryOptions> = {},
): SearchOutcome {
  const opts = { ...defaultSearchQueryOptions, ...options };
  const terms = extractTerms(question).map((t) => t.term);
  const concepts = toConcepts(terms, index.aliases);
  if (concepts.length === 0) {
    return { hits: [], concepts, informative: [], unmatched: [], abstain: true };
  }
  const passages = index.kb.passages.length;
  const weights = concepts.map((c) => conceptWeight(c, index, passages));
  const informative = concepts.map((c) => isInformative(c, index, passages, opts));
  const conceptOfTerm = new Map<string, number>();
  concepts.forEach((c, i) => {
    for (const alt of c.alternatives) for (const t of alt) conceptOfTerm.set(t, i);
  });
  const searchOptions = typoOptions(index);
  const conceptQueries = concepts.map(toQuery);
  let results = index.mini.search({ combineWith: "AND", queries: conceptQueries }, searchOptions);
  if (concepts.length > 1 && results.length < opts.wanted) {
    const all = index.mini.search({ combineWith: "OR", queries: conceptQueries }, searchOptions);
    const seen = new Set(results.map((r) => r.id));
    results = results.concat(all.filter((r) => !seen.has(r.id)));
  }
  const totalWeight = sum(weights.filter((_, i) => informative[i]));
  const matchedConcepts = new Set<number>();
  const hits = results.map((result) => {
    const matched = conceptsMatched(result, conceptOfTerm);
    for (const i of matched) matchedConcepts.add(i);
    const informativeMatched = sum(
      [...matched].filter((i) => informative[i]).map((i) => weights[i] ?? 0),
    );
    const share = matched.size / concepts.length;
    return {
      id: result.id as string,
      kind: isFactDocumentId(result.id as string) ? "fact" : "passage",
      score: result.score * share * share,
      matchedTerms: result.terms,
      coverage: totalWeight === 0 ? 1 : informativeMatched / totalWeight,
    } satisfies SearchHit;
  });
  hits.sort((a, b) => b.score - a.score);
  const bestCoverage = Math.max(0, ...hits.map((h) => h.coverage));
  return {
    hits,
    concepts,
    informative: concepts.filter((_, i) => informative[i]),
    unmatched: concepts.filter((_, i) => informative[i] && !matchedConcepts.has(i)),
    abstain: hits.length === 0 || bestCoverage < opts.minCoverage,
  };
}

function toQuery(concept: Concept): Query {
  const alternatives: Query[] = concept.alternatives.map((alt) =>
    alt.length === 1 ? (alt[0] as string) : { combineWith: "AND", queries: [...alt] },
  );
  return alternatives.length === 1
    ? (alternatives[0] as Query)
    : { combineWith: "OR", queries: alternatives };
}

/** Typo tolerance only for words the index lacks: one edit for 5–7 letters, two from 8. */
function typoOptions(index: SearchIndex): SearchOptions {
  const unknown = (term: string) => !index.surfaceForms.has(term) && !/^\d+$/.test(term);
  return {
    fuzzy: (term) => (unknown(term) && term.length >= 5 ? (term.length >= 8 ? 2 : 1) : false),
    prefix: (term) => unknown(term) && term.length >= 5,
  };
}

function conceptsMatched(result: SearchResult, conceptOfTerm: Map<string, number>): Set<number> {
  const matched = new Set<number>();
  for (const term of result.queryTerms) {
    const concept = conceptOfTerm.get(term);
    if (concept !== undefined) matched.add(concept);
  }
  return matched;
}

/** Inverse document frequency of the concept, however it is said. */
function conceptWeight(concept: Concept, index: SearchIndex, passages: number): number {
  return Math.log(1 + (passages + 1) / (conceptFrequency(concept, index) + 0.5));
}

/**
 * A concept is as common as its most common name: "Pakistani" is rare, but asking about
 * Pakistan in a knowledge base about Pakistan is not informative.
 */
function conceptFrequency(concept: Concept, index: SearchIndex): number {
  return Math.max(...concept.alternatives.map((alt) => sequenceFrequency(alt, index)));
}

function isInformative(
  concept: Concept,
  index: SearchIndex,
  passages: number,
  opts: SearchQueryOptions,
): boolean {
  if (passages < opts.minPassagesForCommonTerms) return true;
  return conceptFrequency(concept, index) <= opts.commonShare * passages;
}

/** A name occurs at most as often as its rarest word. */
function sequenceFrequency(sequence: readonly string[], index: SearchIndex): number {
  return Math.min(...sequence.map((t) => index.documentFrequency.get(t) ?? 0));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
