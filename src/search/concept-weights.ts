import type { Concept } from "./aliases.ts";
import { maskOf } from "./concept-mask.ts";
import { englishSpecificity } from "./english.ts";
import { type ConceptPlan, type PlanContext, planConcept } from "./plan.ts";
import type { PostingsReader } from "./postings.ts";
import type { SearchQueryOptions } from "./query.ts";
import type { QuestionReading } from "./read-question.ts";

/** Each concept of the question, in order: how to find it and how much finding it counts. */
export interface ConceptWeighing {
  plans: ConceptPlan[];
  /**
   * In so many passages that it ranks nothing ("Pakistan" here), though a passage that has it
   * still matches more of the question.
   */
  common: boolean[];
  /** Rare enough to decide whether the knowledge base answers the question. */
  informative: boolean[];
  /** The mask of the informative concepts. */
  informativeMask: number;
  /** What each concept weighs in coverage. */
  weights: number[];
}

export type WeighingOptions = Pick<
  SearchQueryOptions,
  | "commonShare"
  | "minPassagesForCommonTerms"
  | "everydayWordFloor"
  | "unknownWeight"
  | "unknownNameWeight"
>;

/** Plans each concept's lookup and weighs it by how rare it is, in the passages and in English. */
export function weighConcepts(
  reading: QuestionReading,
  context: Omit<PlanContext, "correct">,
  passages: number,
  opts: WeighingOptions,
): ConceptWeighing {
  const { concepts } = reading;
  const { postings } = context;
  const plans = concepts.map((c) => planConcept(c, { ...context, correct: reading.correct }));
  const frequencies = concepts.map((c) => conceptFrequency(c, postings));
  const common = frequencies.map(
    (f) => passages >= opts.minPassagesForCommonTerms && f > opts.commonShare * passages,
  );
  const informative = concepts.map((c, i) => !common[i] && !reading.isForm(c));
  const weights = concepts.map((c, i) =>
    conceptWeight(frequencies[i] ?? 0, passages, plans[i] as ConceptPlan, reading.isName(c), opts),
  );
  return { plans, common, informative, informativeMask: maskOf(informative), weights };
}

/**
 * The share of the question's informative weight that the concepts in a mask carry, those
 * found only through a typo correction or a completion counting `guessedCoverage` of theirs.
 */
export function measureCoverage(
  { weights, informative }: ConceptWeighing,
  guessedCoverage: number,
): (matched: number, exact: number) => number {
  const totalWeight = sum(weights.filter((_, i) => informative[i]));
  return (matched, exact) => {
    if (totalWeight === 0) return 1;
    let covered = 0;
    weights.forEach((w, i) => {
      if (!informative[i] || !(matched & (1 << i))) return;
      covered += exact & (1 << i) ? w : w * guessedCoverage;
    });
    return covered / totalWeight;
  };
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
  opts: WeighingOptions,
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

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
