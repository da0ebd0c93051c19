import { MAX_QUESTION_LENGTH } from "../questions/question-log.ts";
import { keptText } from "../util/storable-text.ts";

/** Whose last question: a salted hash of the asker (never the Slack id) and where they asked. */
export interface MoreKey {
  asker: string;
  channel: string;
}

/** The last question someone asked in a channel and where its next page starts. */
export interface LastQuestion {
  question: string;
  /** Passages to skip for the next page. */
  next: number;
  /** When it was asked or last paged: it expires `ttlMs` after. */
  at: Date;
}

/**
 * Where `/iranpak more` finds the question to page on. Async so that a shared store (a
 * database) can stand in for the default in-memory one; an implementation may forget entries
 * older than a day, and must keep them at least `ttlMs` (see DEFAULT_MORE_OPTIONS).
 */
export interface MoreStore {
  get(key: MoreKey): Promise<LastQuestion | undefined>;
  /** Never rejects: a shared store writes behind, answering from memory meanwhile. */
  set(key: MoreKey, last: LastQuestion): Promise<void>;
}

export interface MoreOptions {
  /** How long after it was asked (or last paged) a question can still be paged. */
  ttlMs: number;
  /** Entries kept in memory at most (the oldest go first). */
  maxEntries: number;
  /** Characters of questions held in memory at most (the oldest go first). */
  maxChars: number;
}

export const DEFAULT_MORE_OPTIONS: Readonly<MoreOptions> = {
  ttlMs: 3_600_000,
  maxEntries: 10_000,
  maxChars: 2_000_000,
};

/** What a store keeps of a page: the question cut like the question log's, storable, copied. */
export function keptPage(last: LastQuestion): LastQuestion {
  return { ...last, question: keptText(last.question, MAX_QUESTION_LENGTH) };
}

export type NextPage =
  | { kind: "page"; question: string; offset: number }
  | { kind: "expired"; question: string }
  | { kind: "none" };

/** What `more` should show for `key` at `now`. */
export async function findNextPage(
  store: MoreStore,
  key: MoreKey,
  now: Date,
  ttlMs: number = DEFAULT_MORE_OPTIONS.ttlMs,
): Promise<NextPage> {
  const last = await store.get(key);
  if (last === undefined) return { kind: "none" };
  if (now.getTime() - last.at.getTime() > ttlMs)
    return { kind: "expired", question: last.question };
  return { kind: "page", question: last.question, offset: last.next };
}
