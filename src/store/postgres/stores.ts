import { IranpakError } from "../../errors.ts";
import type { Logger } from "../../log/logger.ts";
import { generateSalt } from "../../questions/asker-hash.ts";
import type { Stores } from "../types.ts";
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
export async function openPostgresStores(options: {
  url: string;
  logger: Logger;
  /** QUESTION_HASH_SALT; absent: one shared through the database. */
  salt?: string;
  pool?: Partial<PoolOptions>;
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
    openQuestionLog(logOptions) {
      const log = openPostgresQuestionLog(pool, { ...logOptions, salt });
      logs.push(log);
      return log;
    },
    close() {
      closing ??= (async () => {
        await Promise.all(logs.map((log) => log.close()));
        await pool.end();
      })();
      return closing;
    },
  };
}
