import type { Passage } from "../knowledge/types.ts";
import { toTerm } from "../text/terms.ts";
import { tokenize } from "../text/tokenize.ts";
import { StampSet } from "../util/stamp-set.ts";
import { bitCount } from "./concept-mask.ts";
import type { ConceptPlan } from "./plan.ts";
import type { Lookup } from "./prepare.ts";
import type { ScoreAccumulator } from "./score.ts";
import { type FoundTerms, TermFinder } from "./term-finder.ts";
import type { Correction } from "./typos.ts";

/** One word of a concept: the finder's indexes of the index terms, any of which says it. */
type WordTerms = readonly number[];
/** One way of saying a concept: all of its words. */
type Wording = readonly WordTerms[];
/** The ways of saying one concept, any of which says it. */
type ConceptWordings = readonly Wording[];

export interface RerankInput {
  /** The question as read. */
  read: string;
  plans: readonly ConceptPlan[];
  /** The best passages by score, best first. */
  candidates: readonly number[];
  scored: Pick<ScoreAccumulator, "score" | "mask" | "exact">;
  documentId(id: number): string;
  passageById: Lookup<Passage>;
  isKnown(term: string): boolean;
  correctWord(word: string): Correction[];
  /** Coverage (see `measureCoverage`) of the concepts in a mask, for the document `id`. */
  coverageOf(id: number, matched: number): number;
  /** How many of the best passages are re-ranked. */
  rerankDepth: number;
  /** A passage's score grows by this share of its best sentence's coverage. */
  sentenceBonus: number;
}

/**
 * An answer is usually one sentence: among passages that match alike, the one that says it
 * together in a sentence ranks first. Raises the scores of the best `rerankDepth` candidates by
 * their best sentence's coverage, then puts those that have every word of the question as typed
 * first among equals.
 */
export function rerankBySentence(input: RerankInput): void {
  const { read, plans, scored, documentId, passageById, isKnown, correctWord } = input;
  const { score, mask, exact } = scored;
  const asTyped = questionWords(read, (word) => {
    const term = toTerm(word);
    if (term === null || isKnown(term) || /\d/.test(word)) return [];
    return correctWord(word).flatMap((c) => c.words);
  });
  const { finder, wordings } = conceptWordings(plans, asTyped.forms);
  /** The concepts that the terms `has` says are present complete (bit i: concept i). */
  const conceptsIn = (has: (term: number) => boolean) =>
    wordings.reduce(
      (bits, ways, i) =>
        ways.some((wording) => wording.every((word) => word.some(has))) ? bits | (1 << i) : bits,
      0,
    );
  // Only the best `rerankDepth` by score, however many are wanted: a page further on must see
  // the same order as the pages before it.
  const reranked = input.candidates.slice(0, input.rerankDepth);
  const verbatim = new Set<number>();
  // One set of the finder's term indexes, emptied for each passage and sentence.
  const marks = new StampSet(finder.terms.length + finder.words.length);
  for (const id of reranked) {
    const passage = passageById.get(documentId(id));
    if (passage === undefined) continue;
    const found = finder.find(passage.text);
    const best = bestSentenceCoverage(passage.text, found, finder, marks, conceptsIn, (m) =>
      input.coverageOf(id, m & (mask[id] ?? 0)),
    );
    score[id] = (score[id] ?? 0) * (1 + input.sentenceBonus * best);
    if (asTyped.allIn(found, finder.terms.length)) verbatim.add(id);
  }
  preferVerbatim(reranked, verbatim, mask, exact, score);
}

/**
 * Per concept, its ways of being said as words, each word as the indexes (in the finder's
 * terms) of the index terms that stand for it.
 */
function conceptWordings(
  plans: readonly ConceptPlan[],
  words: readonly string[],
): { finder: TermFinder; wordings: ConceptWordings[] } {
  const terms: string[] = [];
  const indexOf = new Map<string, number>();
  const wordings = plans.map((plan) =>
    plan.alternatives.map((words) =>
      words.map((sources) =>
        sources.map(({ term }) => {
          let i = indexOf.get(term);
          if (i === undefined) {
            i = terms.push(term) - 1;
            indexOf.set(term, i);
          }
          return i;
        }),
      ),
    ),
  );
  return { finder: new TermFinder(terms, words), wordings };
}

/**
 * The best coverage (see `coverage`) of the concepts that one sentence of the passage says
 * together. A passage whose words complete at most one concept, each by a single word, needs
 * no sentences: that word's sentence is the best.
 */
function bestSentenceCoverage(
  text: string,
  found: FoundTerms,
  finder: TermFinder,
  marked: StampSet,
  conceptsIn: (has: (term: number) => boolean) => number,
  coverage: (concepts: number) => number,
): number {
  marked.clear();
  for (const t of found.terms) marked.add(t);
  const whole = conceptsIn(marked.has);
  if (whole === 0) return /\S/.test(text) ? coverage(0) : 0;
  let termHits = 0;
  for (const t of found.terms) if (t < finder.terms.length) termHits++;
  if (bitCount(whole) === 1 && termHits === 1) return coverage(whole);
  let best = 0;
  for (const terms of finder.bySentence(text, found)) {
    marked.clear();
    for (const t of terms) marked.add(t);
    best = Math.max(best, coverage(conceptsIn(marked.has)));
  }
  return best;
}

/**
 * The words of the question as typed (folded), stop words too, each with the forms a passage
 * may have it in: itself, or for a word the index lacks, the words it was corrected to.
 */
function questionWords(question: string, correctedTo: (word: string) => readonly string[]) {
  const typed = [...new Set(tokenize(question).map((t) => t.word))];
  const forms: string[] = [];
  const formOf: number[] = [];
  typed.forEach((word, i) => {
    for (const form of [word, ...correctedTo(word)]) {
      forms.push(form);
      formOf.push(i);
    }
  });
  return {
    forms,
    /** Whether `found` (forms indexed from `first` on) has every word of the question. */
    allIn(found: FoundTerms, first: number): boolean {
      const has = new Set<number>();
      for (const t of found.terms) if (t >= first) has.add(formOf[t - first] as number);
      return has.size === typed.length;
    },
  };
}

/**
 * Among re-ranked passages that match the same concepts alike, those that have every word of
 * the question as typed rank first: the exact forms ("warring", not just "war") and the words
 * the index leaves out ("whom", "only") are what singles out the passage meant among passages
 * that say much the same. The group keeps its scores; only their order among it changes.
 */
function preferVerbatim(
  ids: readonly number[],
  verbatim: ReadonlySet<number>,
  mask: Int32Array,
  exact: Int32Array,
  score: Float64Array,
): void {
  if (verbatim.size === 0) return;
  const groups = new Map<string, number[]>();
  for (const id of ids) {
    const key = `${mask[id]}/${exact[id]}`;
    const group = groups.get(key) ?? [];
    group.push(id);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((id) => verbatim.has(id))) continue;
    // Stable sorts: equal scores keep the order offered, as `topK` does.
    const byScore = [...group].sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0));
    const slots = byScore.map((id) => score[id] ?? 0);
    const rank = (id: number) => (verbatim.has(id) ? 0 : 1);
    const order = [...byScore].sort((a, b) => rank(a) - rank(b));
    order.forEach((id, k) => {
      score[id] = slots[k] as number;
    });
  }
}
