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
  set(conversation: string, turn: ConversationTurn): Promise<void>;
}

export interface ConversationOptions {
  /** A question older than this is no longer the context of the next one. */
  ttlMs: number;
  maxEntries: number;
}

/** Half an hour: "consecutive" messages, not yesterday's. */
export const defaultConversationOptions: Readonly<ConversationOptions> = {
  ttlMs: 1_800_000,
  maxEntries: 10_000,
};

/**
 * Reads `question` with the conversation's previous question (when fresh) as its context, and
 * remembers the result as the conversation's latest, so a chain of follow-ups keeps its subject.
 */
export async function followConversation(
  store: ConversationStore,
  conversation: string,
  question: string,
  now: Date,
  ttlMs: number = defaultConversationOptions.ttlMs,
): Promise<string> {
  const earlier = await store.get(conversation);
  const fresh = earlier !== undefined && now.getTime() - earlier.at.getTime() <= ttlMs;
  const read = readInContext(question, fresh ? earlier.question : undefined);
  await store.set(conversation, { question: read, at: now });
  return read;
}
