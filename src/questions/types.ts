/**
 * Where a question was asked. A `mention` is public to its channel; a `dm` and a slash `command`
 * (answered ephemerally) are private to the asker.
 */
export type QuestionOrigin = "dm" | "command" | "mention";

/** Every QuestionOrigin, for checking one read back from storage. */
export const QUESTION_ORIGINS: ReadonlySet<unknown> = new Set<QuestionOrigin>([
  "dm",
  "command",
  "mention",
]);

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
