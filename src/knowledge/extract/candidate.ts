import type { SentenceView } from "./context.ts";

/** What a pattern family found, before it becomes a `Fact`. */
export type CandidateKind =
  | "role"
  | "money"
  | "share"
  | "measure"
  | "count"
  | "date"
  | "route"
  | "list"
  | "rank";

/**
 * A value found in one sentence; offsets are into the sentence's text. The fact's subject is
 * `subject` when the pattern names it (the person a title stands before, the noun a measure
 * modifies), else the sentence's subject, resolved.
 */
export interface Candidate {
  kind: CandidateKind;
  attribute: string;
  value: string;
  unit?: string;
  subject?: string;
  /** Where the value is written. */
  start: number;
  end: number;
  /** Where the whole matched phrase is: the quote covers at least this. */
  spanStart: number;
  spanEnd: number;
}

/** One family of patterns: every value of its kind in a sentence. */
export type PatternFamily = (sentence: SentenceView) => Candidate[];
