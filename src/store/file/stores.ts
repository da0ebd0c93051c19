import { join } from "node:path";
import { ADDED_FOLDER } from "../../ingest/article-store.ts";
import type { Logger } from "../../log/logger.ts";
import { createMemoryConversationStore } from "../memory/conversation-store.ts";
import { createMemoryMoreStore } from "../memory/more-store.ts";
import { createSeenEvents } from "../memory/seen-events.ts";
import type { Stores } from "../types.ts";
import { openArticleFiles } from "./article-store.ts";
import { createDigestStore } from "./digest-store.ts";
import { openFeedFile } from "./feed-store.ts";
import { openFeedbackFile } from "./feedback-store.ts";
import { openQuestionLog } from "./question-log.ts";
import { openSubscriptionFile } from "./subscriptions.ts";

/**
 * The embedded default: event ids, `more` pages and conversations in memory (a restart forgets
 * them); the digest's state, the question log, votes, subscriptions and followed feeds as files in `dataDir`.
 * Right for one process; two processes sharing `dataDir` still post each digest once (claim
 * files), but each answers a retry that reaches it.
 */
export function createFileStores(options: {
  dataDir: string;
  logger: Logger;
  /** Where added articles are written: a subfolder of the knowledge folder. Default: in dataDir. */
  articleFolder?: string;
}): Stores {
  const { dataDir, logger } = options;
  const logs: { flush(): void }[] = [];
  return {
    description: `files in ${dataDir}`,
    seenEvents: createSeenEvents(),
    digest: createDigestStore({ dataDir, logger }),
    feedback: openFeedbackFile({ dataDir, logger }),
    subscriptions: openSubscriptionFile({ dataDir, logger }),
    feeds: openFeedFile({ dataDir, logger }),
    more: createMemoryMoreStore(),
    conversations: createMemoryConversationStore(),
    articles: openArticleFiles({
      folder: options.articleFolder ?? join(dataDir, ADDED_FOLDER),
      dataDir,
    }),
    // The articles are files in the knowledge folder already: the watcher serves them.
    serveArticles: async () => {},
    syncArticles: async () => {},
    openQuestionLog(logOptions) {
      const log = openQuestionLog({ ...logOptions, dataDir });
      logs.push(log);
      return log;
    },
    async close() {
      for (const log of logs) log.flush();
    },
  };
}
