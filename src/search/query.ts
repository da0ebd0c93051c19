import { type Concept, toConcepts } from "./aliases.ts";
import type { SearchIndex } from "./build-index.ts";
import { englishSpecificity } from "./english.ts";
import { type ConceptPlan, planConcept } from "./plan.ts";
import type { PostingsReader } from "./postings.ts";
import { prepareSearch } from "./prepare.ts";
import { matchedTerms, type ScoreAccumulator, scoreConcepts } from "./score.ts";
import { QUESTION_ONLY_STOP_WORDS } from "./stop-words.ts";
import { type FoundTerms, TermFinder } from "./term-finder.ts";
import { extractTerms, type TermToken, toTerm } from "./terms.ts";
import { tokenize } from "./tokenize.ts";
import { TopK, topK } from "./top-k.ts";
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

/** A word of the question that the index lacks, read as a word it has. */
export interface AppliedCorrection {
  /** The word as typed. */
  asked: string;
  /** The index word it was read as, spelled as the knowledge base spells it. */
  shown: string;
}

export type Confidence = "direct" | "closest" | "none";

export interface SearchOutcome {
  /** The part of the question that was read (all of it unless `truncated`). */
  read: string;
  /** The best facts and the best passages (at most `wanted` of each), best first. */
  hits: SearchHit[];
  /** How many passages match at all: more than the hits when the question is broad. */
  passageMatches: number;
  concepts: Concept[];
  /** Concepts rare enough to decide whether the knowledge base answers the question. */
  informative: Concept[];
  /** Informative concepts that no document matches, not even through a correction. */
  unmatched: Concept[];
  /** Informative concepts that the best evidence (the passage, or fact, covering most) lacks. */
  missed: Concept[];
  /** Typo corrections that the best hit was found through. */
  corrections: AppliedCorrection[];
  /**
   * How well the best evidence covers the question: `direct` when it matches every
   * informative word (a typo correction counts), `closest` when some matched nothing
   * (`missed`), `none` when too little matches to be worth citing.
   */
  confidence: Confidence;
  /** True when the question was longer than `maxQuestionLength` or `maxConcepts` and was cut. */
  truncated: boolean;
}

export interface SearchQueryOptions {
  /** How many facts and how many passages to return, at most (each). */
  wanted: number;
  /** A concept in more than this share of passages is common, like "Pakistan" here. */
  commonShare: number;
  /** Below this coverage of the question's informative weight, the best hit does not answer it. */
  minCoverage: number;
  /**
   * From this many informative concepts on, a best passage that matches only one of them is
   * chance, not an answer ("military student exchange" and a paragraph about students).
   */
  oneWordIsChanceFrom: number;
  /**
   * A fact that covers this much of the question is evidence that the knowledge answers it,
   * as a passage is (a fact that matches one everyday word through its tags is not).
   */
  factEvidenceCoverage: number;
  /** Below this many passages, every term counts as informative. */
  minPassagesForCommonTerms: number;
  /** Concepts beyond this many in one question are ignored (a bit mask tracks matches). */
  maxConcepts: number;
  /** Characters of a question that are read; the rest is ignored (and the outcome says so). */
  maxQuestionLength: number;
  /**
   * Weight of a word no passage has, as a share of the weight of a word one passage has. People
   * ask with words the text doesn't use ("venue" for "stadium"): such a word must not outweigh
   * everything the passage does match.
   */
  unknownWeight: number;
  /**
   * The same for a name no passage has (capitalised inside the question, or all capitals): a
   * question about someone or something the knowledge base never mentions is not answered by
   * the passage that matches its other words.
   */
  unknownNameWeight: number;
  /** How much of a concept a typo correction or a completion covers: evidence, but weaker. */
  guessedCoverage: number;
  /**
   * The least share of its weight a concept keeps when it is an everyday English word: a
   * concept weighs (floor + (1 − floor) × specificity) of its inverse document frequency.
   * 1 ignores English usage.
   */
  everydayWordFloor: number;
  /** How many of the best passages are re-ranked by their best sentence. */
  rerankDepth: number;
  /** A passage's score grows by this share of its best sentence's coverage. */
  sentenceBonus: number;
}

export const defaultSearchQueryOptions: SearchQueryOptions = {
  wanted: 10,
  commonShare: 0.45,
  minCoverage: 0.35,
  factEvidenceCoverage: 0.7,
  oneWordIsChanceFrom: 3,
  minPassagesForCommonTerms: 4,
  maxConcepts: 24,
  maxQuestionLength: 1_000,
  unknownWeight: 0.5,
  unknownNameWeight: 3,
  guessedCoverage: 0.5,
  everydayWordFloor: 0.3,
  rerankDepth: 20,
  sentenceBonus: 0.5,
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
  const {
    postings,
    lengths,
    isFact,
    correct: correctWord,
    accumulator,
    passageById,
    documentIds,
  } = prepareSearch(index);
  const read = question.slice(0, opts.maxQuestionLength);
  const tokens = dropQuestionOnlyWords(extractTerms(read));
  // Typos are corrected from the word as typed; alias words have no typed form: their term.
  const typed = new Map(tokens.map((t) => [t.term, t.word]));
  const isName = namesIn(read, tokens);
  const corrections = new Map<string, Correction[]>();
  const correct = (term: string) => {
    let found = corrections.get(term);
    if (found === undefined) {
      found = correctWord(typed.get(term) ?? term);
      corrections.set(term, found);
    }
    return found;
  };
  const isKnown = (term: string) => postings.surfaceForm(term) !== undefined;
  // A misspelled stop word ("throuh") is a stop word, not a topic the index lacks.
  const allConcepts = toConcepts(
    tokens.map((t) => t.term),
    index.aliases,
  ).filter(
    ({ asked }) =>
      !(
        asked.length === 1 &&
        !isKnown(asked[0] as string) &&
        isStopWordTypo(correct(asked[0] as string))
      ),
  );
  const concepts = allConcepts.slice(0, opts.maxConcepts);
  const passages = index.kb.passages.length;
  const plans = concepts.map((c) => planConcept(c, { postings, isKnown, correct }));
  const frequencies = concepts.map((c) => conceptFrequency(c, postings));
  const common = frequencies.map(
    (f) => passages >= opts.minPassagesForCommonTerms && f > opts.commonShare * passages,
  );
  // "How long…", "how many…" ask for a quantity: the word after "how" still finds "length",
  // but a passage that gives the number need not repeat it.
  const isForm = askedFormIn(read, tokens);
  const informative = concepts.map((c, i) => !common[i] && !isForm(c));
  const weights = concepts.map((c, i) =>
    conceptWeight(frequencies[i] ?? 0, passages, plans[i] as ConceptPlan, isName(c), opts),
  );

  // A common concept adds no score (it would rank passages by how often they name the topic),
  // but a passage that has it still matches more of the question.
  const scales = common.map((yes) => (yes ? 0 : 1));
  const scored = scoreConcepts(plans, scales, lengths, postings.averageFieldLength, accumulator);
  const { score, mask, exact } = scored;
  const byScore = (id: number) => score[id] ?? 0;
  // A broad question touches most passages: keep the best as they come, not a list of all.
  const factTop = new TopK(opts.wanted, byScore);
  const passageTop = new TopK(Math.max(opts.wanted, opts.rerankDepth), byScore);
  rankTouched(scored, concepts.length, isFact, factTop, passageTop);

  const totalWeight = sum(weights.filter((_, i) => informative[i]));
  /** The share of the question's weight that the concepts in `m` carry. */
  const coverageOf = (id: number, m = mask[id] ?? 0) => {
    if (totalWeight === 0) return 1;
    const e = exact[id] ?? 0;
    let covered = 0;
    weights.forEach((w, i) => {
      if (!informative[i] || !(m & (1 << i))) return;
      covered += e & (1 << i) ? w : w * opts.guessedCoverage;
    });
    return covered / totalWeight;
  };
  // An answer is usually one sentence: among passages that match alike, the one that says it
  // together in a sentence ranks first.
  const candidates = passageTop.best();
  const asTyped = questionWords(read, (word) => {
    const term = toTerm(word);
    if (term === null || isKnown(term) || /\d/.test(word)) return [];
    return correctWord(word).flatMap((c) => c.words);
  });
  const { finder, concepts: sentenceTerms } = conceptTerms(plans, asTyped.forms);
  /** The concepts that the terms `has` says are present complete (bit i: concept i). */
  const conceptsIn = (has: (term: number) => boolean) =>
    sentenceTerms.reduce(
      (bits, alternatives, i) =>
        alternatives.some((alt) => alt.every((any) => any.some(has))) ? bits | (1 << i) : bits,
      0,
    );
  // Only the best `rerankDepth` by score, however many are wanted: a page further on must see
  // the same order as the pages before it.
  const reranked = candidates.slice(0, opts.rerankDepth);
  const verbatim = new Set<number>();
  for (const id of reranked) {
    const passage = passageById.get(documentIds[id] ?? "");
    if (passage === undefined) continue;
    const found = finder.find(passage.text);
    const best = bestSentenceCoverage(passage.text, found, finder, conceptsIn, (m) =>
      coverageOf(id, m & (mask[id] ?? 0)),
    );
    score[id] = (score[id] ?? 0) * (1 + opts.sentenceBonus * best);
    if (asTyped.allIn(found, finder.terms.length)) verbatim.add(id);
  }
  preferVerbatim(reranked, verbatim, mask, exact, score);
  // Re-ranking changed passages' scores only: the facts' best are still the best.
  const best = [...factTop.best(), ...topK(candidates, opts.wanted, byScore)];
  const hits: SearchHit[] = best
    .map((id) => ({
      id: documentIds[id] ?? "",
      kind: isFact[id] === 1 ? ("fact" as const) : ("passage" as const),
      score: score[id] ?? 0,
      matchedTerms: matchedTerms(plans, id),
      coverage: coverageOf(id),
    }))
    .sort((a, b) => b.score - a.score);
  // Whether the knowledge answers is mostly the text's to say: a fact's curated tags and
  // attribute name words its passage doesn't, so a fact that matches one everyday word proves
  // little. A fact that matches nearly all of the question does answer it.
  const evidence = best
    .filter((id) => isFact[id] !== 1 || coverageOf(id) >= opts.factEvidenceCoverage)
    .reduce<number | undefined>(
      (a, id) => (a !== undefined && coverageOf(a) >= coverageOf(id) ? a : id),
      undefined,
    );
  const bestCoverage = evidence === undefined ? 0 : coverageOf(evidence);
  const bestMask = evidence === undefined ? 0 : (mask[evidence] ?? 0);
  const informativeMask = informative.reduce((m, yes, i) => (yes ? m | (1 << i) : m), 0);
  const informativeCount = bitCount(informativeMask);
  const mostMatched = Math.max(0, ...best.map((id) => bitCount((mask[id] ?? 0) & informativeMask)));
  const missed = concepts.filter((_, i) => informative[i] && !(bestMask & (1 << i)));
  return {
    read,
    hits,
    passageMatches: passageTop.count,
    concepts,
    informative: concepts.filter((_, i) => informative[i]),
    unmatched: concepts.filter((_, i) => informative[i] && plans[i]?.size === 0),
    missed,
    corrections: appliedCorrections(plans, hits[0], typed, postings),
    confidence:
      hits.length === 0 ||
      bestCoverage < opts.minCoverage ||
      (informativeCount >= opts.oneWordIsChanceFrom && mostMatched < 2)
        ? "none"
        : missed.length > 0
          ? "closest"
          : "direct",
    truncated: read.length < question.length || allConcepts.length > concepts.length,
  };
}

/**
 * Weighs each touched document's score by the square of the share of concepts it matches, and
 * offers it to the facts' or the passages' best. A loop of its own: a broad question runs it for
 * tens of thousands of documents, and it stays optimised apart from the rest of the question.
 */
function rankTouched(
  { touched, count, score, mask }: ScoreAccumulator,
  conceptCount: number,
  isFact: Uint8Array,
  factTop: TopK<number>,
  passageTop: TopK<number>,
): void {
  const shares = Array.from({ length: conceptCount + 1 }, (_, n) => n / conceptCount);
  for (let k = 0; k < count; k++) {
    const id = touched[k] as number;
    const share = shares[bitCount(mask[id] as number)] as number;
    const s = (score[id] as number) * share * share;
    score[id] = s;
    const top = isFact[id] === 1 ? factTop : passageTop;
    if (s <= top.threshold) top.pass();
    else top.offer(id);
  }
}

/**
 * How much a concept weighs in coverage: its inverse document frequency, however it is said. A
 * word no passage has gets the weight of the rarest word, scaled (see the options).
 */
function conceptWeight(
  frequency: number,
  passages: number,
  plan: ConceptPlan,
  isName: boolean,
  opts: SearchQueryOptions,
): number {
  const specificity = Math.max(...plan.concept.asked.map(englishSpecificity));
  const usage = opts.everydayWordFloor + (1 - opts.everydayWordFloor) * specificity;
  if (frequency > 0) return idf(frequency, passages) * usage;
  const rarest = idf(1, passages);
  if (plan.size > 0) return rarest;
  return rarest * (isName ? opts.unknownNameWeight : opts.unknownWeight);
}

function idf(frequency: number, passages: number): number {
  return Math.log(1 + (passages + 1) / (frequency + 0.5));
}

/**
 * A concept is as common as its most common name: "Pakistani" is rare, but asking about
 * Pakistan in a knowledge base about Pakistan is not informative.
 */
function conceptFrequency(concept: Concept, postings: PostingsReader): number {
  return Math.max(...concept.alternatives.map((alt) => sequenceFrequency(alt, postings)));
}

/** A name occurs at most as often as its rarest word. */
function sequenceFrequency(sequence: readonly string[], postings: PostingsReader): number {
  return Math.min(...sequence.map((t) => postings.documentFrequency(t)));
}

/**
 * Words that only questions use to ask ("what type of…", "the name of…"): dropped when the
 * question has other words, since the passage that answers seldom repeats them.
 */
function dropQuestionOnlyWords(tokens: TermToken[]): TermToken[] {
  const kept = tokens.filter((t) => !QUESTION_ONLY_STOP_WORDS.has(t.word));
  return kept.length > 0 ? kept : tokens;
}

/**
 * Concepts asked as names: a capitalised word after the question's first word, or a word in
 * capitals ("DTIME", "NATO"). Read from the question as typed.
 */
function namesIn(question: string, tokens: readonly TermToken[]): (concept: Concept) => boolean {
  const firstLetter = question.search(/\p{L}/u);
  const named = new Set<string>();
  for (const t of tokens) {
    const text = question.slice(t.start, t.end);
    const capital = /^\p{Lu}/u.test(text);
    const allCaps = text.length > 1 && text === text.toUpperCase() && /\p{Lu}/u.test(text);
    if ((capital && t.start > firstLetter) || allCaps) named.add(t.term);
  }
  return (concept) => concept.asked.some((term) => named.has(term));
}

/**
 * Per concept, its ways of being said as words, each word as the indexes (in the finder's
 * terms) of the index terms that stand for it.
 */
function conceptTerms(
  plans: readonly ConceptPlan[],
  words: readonly string[],
): {
  finder: TermFinder;
  concepts: number[][][][];
} {
  const terms: string[] = [];
  const indexOf = new Map<string, number>();
  const concepts = plans.map((plan) =>
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
  return { finder: new TermFinder(terms, words), concepts };
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
  conceptsIn: (has: (term: number) => boolean) => number,
  coverage: (concepts: number) => number,
): number {
  const present = new Set(found.terms);
  const whole = conceptsIn((t) => present.has(t));
  if (whole === 0) return text.trim() === "" ? 0 : coverage(0);
  const termHits = found.terms.filter((t) => t < finder.terms.length).length;
  if (bitCount(whole) === 1 && termHits === 1) return coverage(whole);
  let best = 0;
  for (const terms of finder.bySentence(text, found)) {
    const has = new Set(terms);
    best = Math.max(best, coverage(conceptsIn((t) => has.has(t))));
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

/** Concepts that say what kind of answer is wanted: the word after "how" ("how long"). */
function askedFormIn(
  question: string,
  tokens: readonly TermToken[],
): (concept: Concept) => boolean {
  const form = new Set(
    tokens.filter((t) => /\bhow\s+$/i.test(question.slice(0, t.start))).map((t) => t.term),
  );
  return (concept) => concept.asked.length === 1 && form.has(concept.asked[0] as string);
}

/** The corrections the best hit was found through, as "asked → shown" pairs. */
function appliedCorrections(
  plans: readonly ConceptPlan[],
  top: SearchHit | undefined,
  typed: ReadonlyMap<string, string>,
  postings: PostingsReader,
): AppliedCorrection[] {
  if (top === undefined) return [];
  const matched = new Set(top.matchedTerms);
  const out: AppliedCorrection[] = [];
  for (const plan of plans) {
    const [asked] = plan.concept.asked;
    if (
      plan.concept.asked.length !== 1 ||
      asked === undefined ||
      postings.surfaceForm(asked) !== undefined
    )
      continue;
    const used = plan.alternatives
      .flat(2)
      .find((source) => source.weight < 1 && matched.has(source.term));
    const shown = used && postings.surfaceForm(used.term);
    if (shown !== undefined) out.push({ asked: typed.get(asked) ?? asked, shown });
  }
  return out;
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
