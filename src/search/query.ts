import { type Concept, toConcepts } from "./aliases.ts";
import type { SearchIndex } from "./build-index.ts";
import { planConcept } from "./plan.ts";
import { prepareSearch } from "./prepare.ts";
import { matchedTerms, scoreConcepts } from "./score.ts";
import { extractTerms } from "./terms.ts";
import { topK } from "./top-k.ts";
import type { Correction } from "./typos.ts";

export interface SearchHit {
  id: string;
  kind: "fact" | "passage";
  /** BM25 score, weighted by the share of the question's concepts the document matches. */
  score: number;
  /** Index terms the document matched (after alias and typo expansion): what snippets mark. */
  matchedTerms: string[];
  /** Share of the question's informative weight this document matches, from 0 to 1. */
  coverage: number;
}

export interface SearchOutcome {
  /** The best facts and the best passages (at most `wanted` of each), best first. */
  hits: SearchHit[];
  /** How many passages match at all: more than the hits when the question is broad. */
  passageMatches: number;
  concepts: Concept[];
  /** Concepts rare enough to decide whether the knowledge base answers the question. */
  informative: Concept[];
  /** Informative concepts that no document matches. */
  unmatched: Concept[];
  /** True when the best hit covers too little of what was asked to be cited as an answer. */
  abstain: boolean;
}

export interface SearchQueryOptions {
  /** How many facts and how many passages to return, at most (each). */
  wanted: number;
  /** A concept in more than this share of passages is common, like "Pakistan" here. */
  commonShare: number;
  /** Below this coverage of the question's informative weight, the best hit does not answer it. */
  minCoverage: number;
  /** Below this many passages, every term counts as informative. */
  minPassagesForCommonTerms: number;
  /** Concepts beyond this many in one question are ignored (a bit mask tracks matches). */
  maxConcepts: number;
}

export const defaultSearchQueryOptions: SearchQueryOptions = {
  wanted: 10,
  commonShare: 0.5,
  minCoverage: 0.5,
  minPassagesForCommonTerms: 4,
  maxConcepts: 24,
};

/**
 * Searches the way the benchmark showed is fast and precise: each planned term's postings are
 * read once; documents matching every concept rank first (BM25 weighted by the square of the
 * share of concepts matched); typo tolerance only for words the index does not know.
 */
export function searchIndex(
  index: SearchIndex,
  question: string,
  options: Partial<SearchQueryOptions> = {},
): SearchOutcome {
  const opts = { ...defaultSearchQueryOptions, ...options };
  const { postings, lengths, isFact, typos, accumulator } = prepareSearch(index);
  const tokens = extractTerms(question);
  // Typos are corrected from the word as typed; alias words have no typed form: their term.
  const typed = new Map(tokens.map((t) => [t.term, t.word]));
  const corrections = new Map<string, Correction[]>();
  const correct = (term: string) => {
    let found = corrections.get(term);
    if (found === undefined) {
      found = typos.correct(typed.get(term) ?? term);
      corrections.set(term, found);
    }
    return found;
  };
  const isKnown = (term: string) => index.surfaceForms.has(term);
  // A misspelled stop word ("throuh") is a stop word, not a topic the index lacks.
  const concepts = toConcepts(
    tokens.map((t) => t.term),
    index.aliases,
  )
    .filter(
      ({ asked }) =>
        !(
          asked.length === 1 &&
          !isKnown(asked[0] as string) &&
          isStopWordTypo(correct(asked[0] as string))
        ),
    )
    .slice(0, opts.maxConcepts);
  const passages = index.kb.passages.length;
  const plans = concepts.map((c) => planConcept(c, { postings, isKnown, correct }));
  const informative = concepts.map((c) => isInformative(c, index, passages, opts));
  const weights = concepts.map((c) => conceptWeight(c, index, passages));

  const { touched, score, mask } = scoreConcepts(
    plans,
    lengths,
    postings.averageFieldLength,
    accumulator,
  );
  const facts: number[] = [];
  const others: number[] = [];
  for (const id of touched) {
    const share = bitCount(mask[id] ?? 0) / concepts.length;
    score[id] = (score[id] ?? 0) * share * share;
    (isFact[id] === 1 ? facts : others).push(id);
  }
  const byScore = (id: number) => score[id] ?? 0;
  const best = [...topK(facts, opts.wanted, byScore), ...topK(others, opts.wanted, byScore)];

  const totalWeight = sum(weights.filter((_, i) => informative[i]));
  const coverageOf = (m: number) =>
    totalWeight === 0
      ? 1
      : sum(weights.filter((_, i) => informative[i] && m & (1 << i))) / totalWeight;
  const hits: SearchHit[] = best
    .map((id) => ({
      id: postings.documentId(id) ?? "",
      kind: isFact[id] === 1 ? ("fact" as const) : ("passage" as const),
      score: score[id] ?? 0,
      matchedTerms: matchedTerms(plans, id),
      coverage: coverageOf(mask[id] ?? 0),
    }))
    .sort((a, b) => b.score - a.score);
  const bestCoverage = Math.max(0, ...hits.map((h) => h.coverage));
  return {
    hits,
    passageMatches: others.length,
    concepts,
    informative: concepts.filter((_, i) => informative[i]),
    unmatched: concepts.filter((_, i) => informative[i] && plans[i]?.size === 0),
    abstain: hits.length === 0 || bestCoverage < opts.minCoverage,
  };
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

function isStopWordTypo(corrections: readonly Correction[]): boolean {
  const [closest] = corrections;
  return closest !== undefined && closest.term === null;
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
