import type { Concept } from "./aliases.ts";
import { FIELD_BOOSTS } from "./index-options.ts";
import type { PostingRun, PostingsReader } from "./postings.ts";
import type { Correction } from "./typos.ts";

/** One index term a question word stands for, with how much a match on it counts. */
export interface TermSource {
  term: string;
  /** 1 for the word itself; less for a typo correction or a completion. */
  weight: number;
  /** [field id, postings in that field, that field's boost × inverse document frequency]. */
  fields: [fieldId: number, docs: PostingRun, weight: number][];
  /** How many documents contain the term in any field (an upper bound when fields overlap). */
  size: number;
}

/** A way of saying a concept: every word must match, each through one of its sources. */
export type AlternativePlan = TermSource[][];

export interface ConceptPlan {
  concept: Concept;
  alternatives: AlternativePlan[];
  /** Upper bound of the documents matching the concept: the scorer starts from the smallest. */
  size: number;
}

/** MiniSearch's default weights for prefix and typo matches, kept so scores mean the same. */
export const EXPANSION_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };

const BOOSTED_FIELDS = Object.entries(FIELD_BOOSTS);

/** What planning needs to know about the index beyond its postings. */
export interface PlanContext {
  postings: PostingsReader;
  isKnown(term: string): boolean;
  /** Corrections of a term the index lacks (typos), closest first. */
  correct(term: string): Correction[];
}

/**
 * Resolves each word of each way of saying a concept to index terms: the word itself when the
 * index has it; otherwise its typo corrections and the longer words it starts (unfinished
 * words). Correctly spelled questions are never widened, which keeps them precise and fast.
 */
export function planConcept(concept: Concept, context: PlanContext): ConceptPlan {
  const alternatives = concept.alternatives.map((words) =>
    words.map((word) => sourcesFor(word, context)),
  );
  const viable = alternatives.filter((alt) => alt.every((sources) => sources.length > 0));
  const size = Math.max(
    0,
    ...viable.map((alt) => Math.min(...alt.map((sources) => sum(sources.map((s) => s.size))))),
  );
  return { concept, alternatives: viable, size };
}

function sourcesFor(word: string, { postings, isKnown, correct }: PlanContext): TermSource[] {
  const exact = source(word, 1, postings);
  if (isKnown(word) || /^\d+$/.test(word)) return exact ? [exact] : [];
  const expansions: TermSource[] = [];
  const seen = new Set<string>([word]);
  const add = (term: string, weight: number) => {
    if (seen.has(term)) return;
    seen.add(term);
    const s = source(term, weight, postings);
    if (s) expansions.push(s);
  };
  for (const { term, distance } of correct(word)) {
    if (term !== null)
      add(term, (EXPANSION_WEIGHTS.fuzzy * term.length) / (term.length + distance));
  }
  if (word.length >= 5) {
    for (const term of postings.prefixed(word)) {
      const distance = term.length - word.length;
      add(term, (EXPANSION_WEIGHTS.prefix * term.length) / (term.length + 0.3 * distance));
    }
  }
  return exact ? [exact, ...expansions] : expansions;
}

/** BM25+ as MiniSearch computes it (k 1.2, b 0.7, d 0.5), its inverse frequency precomputed. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

function source(term: string, weight: number, postings: PostingsReader): TermSource | undefined {
  const runs = postings.get(term);
  if (runs === undefined) return undefined;
  const n = postings.documentCount;
  const fields: TermSource["fields"] = [];
  let size = 0;
  for (const [field, boost] of BOOSTED_FIELDS) {
    const fieldId = postings.fieldIds[field];
    const docs = runs.find((run) => run.fieldId === fieldId);
    if (fieldId === undefined || docs === undefined || docs.ids.length === 0) continue;
    const count = docs.ids.length;
    const idf = Math.log(1 + (n - count + 0.5) / (count + 0.5));
    fields.push([fieldId, docs, boost * idf * weight]);
    size += count;
  }
  return fields.length === 0 ? undefined : { term, weight, fields, size };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
