import type { Concept } from "./aliases.ts";
import type { SearchIndex } from "./build-index.ts";
import { bitCount } from "./concept-mask.ts";
import { type ConceptWeighing, measureCoverage, weighConcepts } from "./concept-weights.ts";
import { type Confidence, judgeConfidence } from "./confidence.ts";
import type { ConceptPlan } from "./plan.ts";
import type { PostingsReader } from "./postings.ts";
import { type PreparedIndex, prepareSearch } from "./prepare.ts";
import { readQuestion } from "./read-question.ts";
import { matchedTerms, type ScoreAccumulator, scoreConcepts } from "./score.ts";
import { rerankBySentence } from "./sentence-rerank.ts";
import { TopK, topK } from "./top-k.ts";

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

export const DEFAULT_SEARCH_QUERY_OPTIONS: SearchQueryOptions = {
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
 *
 * In stages: read the question, weigh its concepts, rank the documents, re-rank the best
 * passages by sentence, judge whether the best evidence answers.
 */
export function searchIndex(
  index: SearchIndex,
  question: string,
  options: Partial<SearchQueryOptions> = {},
): SearchOutcome {
  const opts = { ...DEFAULT_SEARCH_QUERY_OPTIONS, ...options };
  const prepared = prepareSearch(index);
  const { postings, facts, documentId } = prepared;
  const isKnown = (term: string) => postings.surfaceForm(term) !== undefined;
  const reading = readQuestion(question, {
    aliases: index.aliases,
    isKnown,
    correctWord: prepared.correct,
    maxQuestionLength: opts.maxQuestionLength,
    maxConcepts: opts.maxConcepts,
  });
  const { concepts } = reading;
  const weighing = weighConcepts(reading, { postings, isKnown }, index.kb.passages.length, opts);
  const { plans, informative } = weighing;
  const ranking = rank(weighing, prepared, opts);
  const { scored } = ranking;
  const { score, mask, exact } = scored;
  const coverage = measureCoverage(weighing, opts.guessedCoverage);
  const coverageOf = (id: number, matched = mask[id] ?? 0) => coverage(matched, exact[id] ?? 0);

  const candidates = ranking.passageTop.best();
  rerankBySentence({
    read: reading.read,
    plans,
    candidates,
    scored,
    documentId,
    passageById: prepared.passageById,
    isKnown,
    correctWord: prepared.correct,
    coverageOf,
    rerankDepth: opts.rerankDepth,
    sentenceBonus: opts.sentenceBonus,
  });
  // Re-ranking changed passages' scores only: the facts' best are still the best.
  const byScore = (id: number) => score[id] ?? 0;
  const best = [...ranking.factTop.best(), ...topK(candidates, opts.wanted, byScore)];
  const hits: SearchHit[] = best
    .map((id) => ({
      id: documentId(id),
      kind: id < facts ? ("fact" as const) : ("passage" as const),
      score: score[id] ?? 0,
      matchedTerms: matchedTerms(plans, id),
      coverage: coverageOf(id),
    }))
    .sort((a, b) => b.score - a.score);

  const evidence = findEvidence(best, facts, coverageOf, opts.factEvidenceCoverage);
  const bestMask = evidence === undefined ? 0 : (mask[evidence] ?? 0);
  const { informativeMask } = weighing;
  const mostMatched = Math.max(0, ...best.map((id) => bitCount((mask[id] ?? 0) & informativeMask)));
  const missed = concepts.filter((_, i) => informative[i] && !(bestMask & (1 << i)));
  return {
    read: reading.read,
    hits,
    passageMatches: ranking.passageTop.count,
    concepts,
    informative: concepts.filter((_, i) => informative[i]),
    unmatched: concepts.filter((_, i) => informative[i] && plans[i]?.size === 0),
    missed,
    corrections: appliedCorrections(plans, hits[0], reading.typed, postings),
    confidence: judgeConfidence(
      {
        hits: hits.length,
        bestCoverage: evidence === undefined ? 0 : coverageOf(evidence),
        informativeConcepts: bitCount(informativeMask),
        mostMatched,
        missed: missed.length,
      },
      opts,
    ),
    truncated: reading.truncated,
  };
}

interface Ranking {
  scored: ScoreAccumulator;
  /** The best facts so far: at most `wanted`. */
  factTop: TopK;
  /** The best passages so far: as many as are wanted or re-ranked. */
  passageTop: TopK;
}

/** Scores every document that matches a concept and keeps the best facts and passages. */
function rank(
  { plans, common }: ConceptWeighing,
  { lengths, postings, accumulator, facts }: PreparedIndex,
  opts: Pick<SearchQueryOptions, "wanted" | "rerankDepth">,
): Ranking {
  // A common concept adds no score (it would rank passages by how often they name the topic),
  // but a passage that has it still matches more of the question.
  const scales = common.map((yes) => (yes ? 0 : 1));
  const scored = scoreConcepts(plans, scales, lengths, postings.averageFieldLength, accumulator);
  // A broad question touches most passages: keep the best as they come, not a list of all.
  const factTop = new TopK(opts.wanted);
  const passageTop = new TopK(Math.max(opts.wanted, opts.rerankDepth));
  rankTouched(scored, plans.length, facts, factTop, passageTop);
  return { scored, factTop, passageTop };
}

/**
 * Weighs each touched document's score by the square of the share of concepts it matches, and
 * offers it to the facts' or the passages' best. A loop of its own: a broad question runs it for
 * tens of thousands of documents, and it stays optimised apart from the rest of the question.
 */
function rankTouched(
  { touched, count, score, mask }: ScoreAccumulator,
  conceptCount: number,
  facts: number,
  factTop: TopK,
  passageTop: TopK,
): void {
  const shares = Array.from({ length: conceptCount + 1 }, (_, n) => n / conceptCount);
  for (let k = 0; k < count; k++) {
    const id = touched[k] as number;
    const share = shares[bitCount(mask[id] as number)] as number;
    const s = (score[id] as number) * share * share;
    score[id] = s;
    const top = id < facts ? factTop : passageTop;
    if (s <= top.threshold) top.pass();
    else top.offer(id, s);
  }
}

/**
 * The document that covers most of the question (the first of equals), of the passages and the
 * facts that cover at least `factEvidenceCoverage`. Whether the knowledge answers is mostly the
 * text's to say: a fact's curated tags and attribute name words its passage doesn't, so a fact
 * that matches one everyday word proves little. A fact that matches nearly all of the question
 * does answer it.
 */
function findEvidence(
  best: readonly number[],
  facts: number,
  coverageOf: (id: number) => number,
  factEvidenceCoverage: number,
): number | undefined {
  return best
    .filter((id) => id >= facts || coverageOf(id) >= factEvidenceCoverage)
    .reduce<number | undefined>(
      (a, id) => (a !== undefined && coverageOf(a) >= coverageOf(id) ? a : id),
      undefined,
    );
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
