import {
  type ConversationOptions,
  type ConversationStore,
  type ConversationTurn,
  DEFAULT_CONVERSATION_OPTIONS,
  keptTurn,
} from "../../conversation/context-store.ts";
import { createExpiringMap } from "../../util/expiring-map.ts";
import { clockOf } from "./clock.ts";

/** The default ConversationStore: memory only (a restart forgets). */
export function createMemoryConversationStore(
  options: Partial<ConversationOptions> & { now?: () => Date } = {},
): ConversationStore {
  const { ttlMs, maxEntries, maxChars } = { ...DEFAULT_CONVERSATION_OPTIONS, ...options };
  const store = createExpiringMap<ConversationTurn>({
    retainMs: 2 * ttlMs,
    maxEntries,
    maxChars,
    sizeOf: (turn) => turn.question.length,
    now: clockOf(options.now),
  });
  return {
    get: async (conversation) => store.get(conversation),
    set: async (conversation, turn) => store.set(conversation, keptTurn(turn)),
  };
}
