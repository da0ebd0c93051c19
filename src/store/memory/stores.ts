import type { Stores } from "../types.ts";
import { createMemoryArticleStore } from "./article-store.ts";
import { createMemoryConversationStore } from "./conversation-store.ts";
import { createMemoryDigestStore } from "./digest-store.ts";
import { createMemoryFeedStore } from "./feed-store.ts";
import { createMemoryFeedbackStore } from "./feedback-store.ts";
import { createMemoryMoreStore } from "./more-store.ts";
import { openMemoryQuestionLog } from "./question-log.ts";
import { createSeenEvents } from "./seen-events.ts";
import { createMemorySubscriptionStore } from "./subscriptions.ts";

/**
 * Every store in this process's memory, sharing nothing with any other: for tests and tools
 * that must leave no state behind. `now` is the clock the expiring stores forget by.
 */
export function createMemoryStores(options: { now?: () => Date } = {}): Stores {
  const { now } = options;
  const clock = now === undefined ? {} : { now };
  return {
    description: "memory",
    seenEvents: createSeenEvents(now === undefined ? {} : { now: () => now().getTime() }),
    digest: createMemoryDigestStore(),
    feedback: createMemoryFeedbackStore(),
    subscriptions: createMemorySubscriptionStore(),
    feeds: createMemoryFeedStore(),
    more: createMemoryMoreStore(clock),
    conversations: createMemoryConversationStore(clock),
    openQuestionLog: openMemoryQuestionLog,
    articles: createMemoryArticleStore(),
    serveArticles: async () => {},
    syncArticles: async () => {},
    close: async () => {},
  };
}
