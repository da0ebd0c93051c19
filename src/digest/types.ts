import type { Citation } from "../answer/types.ts";

/** What a channel's last digest saw, so the next one can tell what is new. */
export interface DigestSnapshot {
  /** Article id → content hash at the time of the digest. */
  articleHashes: Record<string, string>;
  factIds: string[];
  /** Keys of the conflicts between articles (see `conflictKey`); absent in older snapshots. */
  conflictKeys?: string[];
}

/**
 * Where a question was asked. A `mention` is public to its channel; a `dm` and a slash `command`
 * (answered ephemerally) are private to the asker.
 */
export type QuestionOrigin = "dm" | "command" | "mention";

/** A question's topic as logged: `[key, label]` (see `Topic` in topics.ts). */
export type LoggedTopic = [key: string, label: string];

/**
 * One question as the log keeps it (a line of `questions.jsonl`). Never who asked: `asker` is a
 * salted hash, good only for telling whether several different people asked about a topic.
 * Lines written before origins were kept have `text` and no `origin`: they count as private.
 */
export interface QuestionLogEntry {
  /** ISO 8601 instant. */
  at: string;
  answered: boolean;
  origin?: QuestionOrigin;
  /** The channel of a mention: the one digest that may quote it. */
  channel?: string;
  /** `<salt id>.<HMAC-SHA256 of the Slack user id, truncated>`. */
  asker?: string;
  /** The question's topics, worked out when it was asked. */
  topics?: LoggedTopic[];
  /** The question itself: kept for mentions only, since nothing may quote a private one. */
  text?: string;
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
  /** Questions the bot could not answer that this channel may see quoted, most asked first. */
  unanswered: DigestGap[];
  /** Unanswered questions counted but not quoted: asked privately or in another channel. */
  unlisted?: number;
  /** Questions whose answers the team marked not helpful, quotable in this channel. */
  wrong?: DigestGap[];
  /** Answers marked not helpful that can't be quoted here (asked privately or elsewhere). */
  wrongUnlisted?: number;
  /** Why questions are not being kept, when they are not (a read-only DATA_DIR, …). */
  problem?: string;
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
