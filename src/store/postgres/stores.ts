import { IranpakError } from "../../errors.ts";
import type { Logger } from "../../log/logger.ts";
import { generateSalt } from "../../questions/asker-hash.ts";
import { type ArticleCopies, keepArticleCopies } from "../file/article-copies.ts";
import type { Stores } from "../types.ts";
import { listenForArticles } from "./article-notices.ts";
import { createPostgresArticleStore } from "./article-store.ts";
import { createPostgresConversationStore } from "./conversation-store.ts";
import { createPostgresDigestStore } from "./digest-store.ts";
import { createPostgresFeedStore } from "./feed-store.ts";
import { createPostgresFeedbackStore } from "./feedback-store.ts";
import { migrate } from "./migrate.ts";
import { MIGRATIONS } from "./migrations.ts";
import { createPostgresMoreStore } from "./more-store.ts";
import { createPool, describeDatabase, type PoolOptions } from "./pool.ts";
import { openPostgresQuestionLog, sharedSalt } from "./question-log.ts";
import { createPostgresSeenEvents } from "./seen-events.ts";
import { createPostgresSubscriptionStore } from "./subscriptions.ts";

/**
 * Every store in the PostgreSQL database at `url`, its schema migrated first. Fails, naming
 * the database (never the password), when it can't be reached or migrated: replicas must not
 * start on state of their own.
 */
const DEFAULT_ARTICLE_POLL_MS = 4_000;

export async function openPostgresStores(options: {
  url: string;
  logger: Logger;
  /** QUESTION_HASH_SALT; absent: one shared through the database. */
  salt?: string;
  pool?: Partial<PoolOptions>;
  /** Where this replica keeps its copy of the stored articles (see `serveArticles`). */
  articleFolder?: string;
  /** How often the copy catches up without a notice. Default 4 s: within the 5 s promise. */
  articlePollMs?: number;
}): Promise<Stores> {
  const { url, logger } = options;
  const description = describeDatabase(url);
  const pool = createPool(url, logger, options.pool);
  let salt: string;
  try {
    await migrate(pool, MIGRATIONS, logger);
    salt = options.salt ?? (await sharedSalt(pool, generateSalt));
  } catch (error) {
    await pool.end().catch(() => {});
    throw new IranpakError(
      "DATABASE_UNAVAILABLE",
      `DATABASE_URL: can't use ${description}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const logs: { close(): Promise<void> }[] = [];
  const articles = createPostgresArticleStore(pool);
  let copies: ArticleCopies | undefined;
  let notices: { close(): Promise<void> } | undefined;
  let closing: Promise<void> | undefined;
  return {
    description,
    seenEvents: createPostgresSeenEvents(pool, logger),
    digest: createPostgresDigestStore(pool, logger),
    feedback: createPostgresFeedbackStore(pool),
    subscriptions: createPostgresSubscriptionStore(pool),
    feeds: createPostgresFeedStore(pool),
    more: createPostgresMoreStore(pool, logger),
    conversations: createPostgresConversationStore(pool, logger),
    articles,
    serveArticles(onChange) {
      const folder = options.articleFolder;
      if (folder === undefined || copies !== undefined) return copies?.ready ?? Promise.resolve();
      const started = keepArticleCopies({
        store: articles,
        folder,
        logger,
        pollMs: options.articlePollMs ?? DEFAULT_ARTICLE_POLL_MS,
        onChange,
      });
      copies = started;
      notices = listenForArticles({ url, logger, onNotice: () => void started.sync() });
      return started.ready;
    },
    syncArticles: () => copies?.sync() ?? Promise.resolve(),
    openQuestionLog(logOptions) {
      const log = openPostgresQuestionLog(pool, { ...logOptions, salt });
      logs.push(log);
      return log;
    },
    close() {
      closing ??= (async () => {
        copies?.close();
        await notices?.close();
        await Promise.all(logs.map((log) => log.close()));
        await pool.end();
      })();
      return closing;
    },
  };
}
