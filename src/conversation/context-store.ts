import { MAX_QUESTION_LENGTH } from "../questions/question-log.ts";
import { keptText } from "../util/storable-text.ts";
import { readInContext } from "./follow-up.ts";

/** The last question answered in a conversation (a thread, a DM), as it was read. */
export interface ConversationTurn {
  question: string;
  at: Date;
}

/**
 * Where follow-ups find the question before them, keyed by conversation (`<channel>/<thread
 * ts>` for a thread, the DM's channel id for a DM). Async so a database can stand in for the
 * default in-memory one; an implementation may forget turns older than twice `ttlMs`.
 */
export interface ConversationStore {
  get(conversation: string): Promise<ConversationTurn | undefined>;
  /** Never rejects: a shared store writes behind, answering from memory meanwhile. */
  set(conversation: string, turn: ConversationTurn): Promise<void>;
}

export interface ConversationOptions {
  /** A question older than this is no longer the context of the next one. */
  ttlMs: number;
  maxEntries: number;
  /** Characters of questions held in memory at most (the oldest go first). */
  maxChars: number;
}

/** Half an hour: "consecutive" messages, not yesterday's. */
export const DEFAULT_CONVERSATION_OPTIONS: Readonly<ConversationOptions> = {
  ttlMs: 1_800_000,
  maxEntries: 10_000,
  maxChars: 2_000_000,
};

/**
 * What a store keeps of a turn: the question cut like the question log's and copied, so a long
 * message is not held for the hour; a follow-up needs only its subject.
 */
export function keptTurn(turn: ConversationTurn): ConversationTurn {
  return { question: keptText(turn.question, MAX_QUESTION_LENGTH), at: turn.at };
}

/**
 * Reads `question` with the conversation's previous question (when fresh) as its context, and
 * remembers the result as the conversation's latest, so a chain of follow-ups keeps its subject.
 */
export async function followConversation(
  store: ConversationStore,
  conversation: string,
  question: string,
  now: Date,
  ttlMs: number = DEFAULT_CONVERSATION_OPTIONS.ttlMs,
): Promise<string> {
  const earlier = await store.get(conversation);
  const fresh = earlier !== undefined && now.getTime() - earlier.at.getTime() <= ttlMs;
  const read = readInContext(question, fresh ? earlier.question : undefined);
  // Not waited for: a database behind a partition must not hold the answer (set never rejects).
  void store.set(conversation, { question: read, at: now });
  return read;
}
