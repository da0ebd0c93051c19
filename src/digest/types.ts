import type { Citation } from "../answer/types.ts";
import type { DigestQuestions } from "../questions/types.ts";

/** What a channel's last digest saw, so the next one can tell what is new. */
export interface DigestSnapshot {
  /** Article id → content hash at the time of the digest. */
  articleHashes: Record<string, string>;
  factIds: string[];
  /** Keys of the conflicts between articles (see `conflictKey`); absent in older snapshots. */
  conflictKeys?: string[];
}

export interface DigestArticle {
  id: string;
  title: string;
  lead: string;
  status: "new" | "changed";
  citation: Citation;
}

export interface DigestFact {
  id: string;
  subject: string;
  attribute: string;
  /** The value with its unit, e.g. "2,775 km". */
  value: string;
  asOf?: string;
  citation: Citation;
}

export interface DigestConflict {
  subject: string;
  attribute: string;
  values: DigestFact[];
}

export interface Digest {
  /** Local date the digest is for, `YYYY-MM-DD`. */
  date: string;
  /** True when the channel has had no digest before: everything counts as new. */
  first: boolean;
  /** New or changed articles since the last digest, in knowledge-base order. */
  articles: DigestArticle[];
  /** New curated facts (extracted ones come with their new article). */
  newFacts: DigestFact[];
  /** Articles that newly disagree on a subject and attribute, each value cited. */
  newConflicts: DigestConflict[];
  /** Today's rotating selection of facts. */
  keyFacts: DigestFact[];
  questions: DigestQuestions;
  totals: { articles: number; facts: number };
}
