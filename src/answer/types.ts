import type { Fact } from "../knowledge/types.ts";
import type { Confidence } from "../search/confidence.ts";
import type { AppliedCorrection } from "../search/query.ts";

export type { AppliedCorrection, Confidence };

/** Where a result comes from: enough to find the passage and to cite it. */
export interface Citation {
  /** Passage id, `<article-id>#<n>`. */
  docId: string;
  title: string;
  paragraph: number;
  url?: string;
  /** The article's publisher (front matter `source`), where it names one. */
  source?: string;
  /** Its published date, YYYY-MM-DD, where known. */
  published?: string;
}

/** A [start, end) character range in a snippet, marking a matched term. */
export type Mark = readonly [start: number, end: number];

/** What an answer shows of a fact. */
export type FactDetails = Pick<
  Fact,
  "id" | "origin" | "subject" | "attribute" | "value" | "unit" | "asOf"
>;

/** Articles that give different values for one subject and attribute, each value cited. */
export interface AnswerConflict {
  subject: string;
  attribute: string;
  /** One fact result a value, in knowledge order. */
  results: AnswerResult[];
}

export interface AnswerResult {
  kind: "fact" | "passage";
  /** Verbatim piece of `passage` (for a fact, its quote's sentence(s)), at most about 300 chars. */
  snippet: string;
  /** Matched terms inside `snippet`, sorted, non-overlapping. */
  marks: Mark[];
  /** Full text of the cited passage. */
  passage: string;
  citation: Citation;
  /** For facts: the value with its unit, e.g. "959 km". */
  value?: string;
  fact?: FactDetails;
  score: number;
}

export interface Answer {
  query: string;
  /** Best first; empty when the knowledge base has nothing on the question. */
  results: AnswerResult[];
  /**
   * `direct`: the first passage covers the question. `closest`: the results cover only part of
   * it (`missed` names what matched nothing). `none`: nothing in the knowledge base is close
   * enough to cite, and `results` is empty.
   */
  confidence: Confidence;
  /** Informative words of the question that the closest passage does not have. */
  missed: string[];
  /** Words of the question read as other words ("pipline" as "pipeline"). */
  corrections: AppliedCorrection[];
  /** True when the question was longer than a question can be and only its start was read. */
  truncated: boolean;
  /** "Did you mean" suggestions when nothing answers (terms or topics that do exist). */
  suggestions: string[];
  /** The informative terms that were searched for, after folding and stop-word removal. */
  terms: string[];
  /** True when passages match that this page and the ones before it have not shown. */
  hasMore: boolean;
  /** The `offset` of the next page ("More results"). */
  nextOffset: number;
  /** "Sources differ": for facts shown here, what other articles say instead. */
  conflicts: AnswerConflict[];
}
