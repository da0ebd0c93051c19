import type { Citation } from "../answer/types.ts";

/** What a channel's last digest saw, so the next one can tell what is new. */
export interface DigestSnapshot {
  /** Article id → content hash at the time of the digest. */
  articleHashes: Record<string, string>;
  factIds: string[];
}

/** One question as the log keeps it: never who asked. */
export interface QuestionLogEntry {
  text: string;
  /** ISO 8601 instant. */
  at: string;
  answered: boolean;
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

export interface DigestTopic {
  topic: string;
  /** How many questions mentioned it. */
  count: number;
}

export interface DigestGap {
  /** The question as first asked (the same question asked again counts, not repeats). */
  text: string;
  count: number;
}

export interface DigestQuestions {
  total: number;
  answered: number;
  /** Most asked first. */
  topics: DigestTopic[];
  /** Questions the bot could not answer, most asked first. */
  unanswered: DigestGap[];
}

export interface Digest {
  /** Local date the digest is for, `YYYY-MM-DD`. */
  date: string;
  /** True when the channel has had no digest before: everything counts as new. */
  first: boolean;
  /** New or changed articles since the last digest, in knowledge-base order. */
  articles: DigestArticle[];
  newFacts: DigestFact[];
  /** Today's rotating selection of facts. */
  keyFacts: DigestFact[];
  questions: DigestQuestions;
  totals: { articles: number; facts: number };
}
