import type { SearchQueryOptions } from "./query.ts";

/**
 * How well the best evidence covers the question: `direct` when it matches every informative
 * word (a typo correction counts), `closest` when some matched nothing, `none` when too little
 * matches to be worth citing.
 */
export type Confidence = "direct" | "closest" | "none";

/** What a search found, as much of it as deciding whether it answers needs. */
export interface FoundEvidence {
  /** How many facts and passages were found. */
  hits: number;
  /** Share of the question's informative weight the best evidence covers (0 without any). */
  bestCoverage: number;
  /** How many of the question's concepts are informative. */
  informativeConcepts: number;
  /** The most informative concepts that any one found document matches. */
  mostMatched: number;
  /** How many informative concepts the best evidence lacks. */
  missed: number;
}

export type ConfidenceRules = Pick<SearchQueryOptions, "minCoverage" | "oneWordIsChanceFrom">;

/** Whether the knowledge answers the question, and how closely. */
export function judgeConfidence(found: FoundEvidence, rules: ConfidenceRules): Confidence {
  if (found.hits === 0 || found.bestCoverage < rules.minCoverage) return "none";
  // "military student exchange" and a paragraph about students: one word of several is chance.
  if (found.informativeConcepts >= rules.oneWordIsChanceFrom && found.mostMatched < 2) {
    return "none";
  }
  return found.missed > 0 ? "closest" : "direct";
}
