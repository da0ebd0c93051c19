import {
  type ConversationStore,
  type ConversationTurn,
  DEFAULT_CONVERSATION_OPTIONS,
  keptTurn,
} from "../../conversation/context-store.ts";
import type { Logger } from "../../log/logger.ts";
import { createMemoryConversationStore } from "../memory/conversation-store.ts";
import { createExpirySweep, createFallback, createWriteBehind, newerOf } from "./fallback.ts";
import type { PostgresExpiringOptions } from "./more-store.ts";
import type { Pool } from "./pool.ts";

export const DEFAULT_POSTGRES_CONVERSATION_OPTIONS: Readonly<PostgresExpiringOptions> = {
  ttlMs: DEFAULT_CONVERSATION_OPTIONS.ttlMs,
  sweepEveryMs: 60_000,
  now: () => new Date(),
};

/**
 * Each thread's and DM's last question in PostgreSQL, so a follow-up that reaches another
 * replica is still read with it. Kept twice the ttl, like the memory store, then deleted. When
 * the database can't be reached or is slow, this process's memory answers (logged); writes go
 * behind the answer (`createWriteBehind`).
 */
export function createPostgresConversationStore(
  pool: Pool,
  logger: Logger,
  options: Partial<PostgresExpiringOptions> = {},
): ConversationStore {
  const { ttlMs, sweepEveryMs, now } = { ...DEFAULT_POSTGRES_CONVERSATION_OPTIONS, ...options };
  const retainMs = 2 * ttlMs;
  const memory = createMemoryConversationStore({ ttlMs, now });
  const fallback = createFallback(logger, "conversations' last questions");
  const behind = createWriteBehind(logger, "conversations' last questions");
  const sweep = createExpirySweep((sql, values) => pool.query(sql, values), "conversation_turns", {
    now,
    everyMs: sweepEveryMs,
  });
  return {
    get: async (conversation) =>
      newerOf(
        await memory.get(conversation),
        await fallback.attempt(
          async () => {
            const result = await pool.query<ConversationTurn>(
              "SELECT question, at FROM conversation_turns WHERE conversation = $1 AND expires_at > $2",
              [conversation, now()],
            );
            const row = result.rows[0];
            return row === undefined ? undefined : { question: row.question, at: row.at };
          },
          () => undefined,
        ),
      ),
    async set(conversation, asked) {
      const turn = keptTurn(asked);
      await memory.set(conversation, turn);
      await behind.push(conversation, async () => {
        await sweep();
        await pool.query(
          `INSERT INTO conversation_turns (conversation, question, at, expires_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (conversation) DO UPDATE SET question = EXCLUDED.question,
               at = EXCLUDED.at, expires_at = EXCLUDED.expires_at`,
          [conversation, turn.question, turn.at, new Date(now().getTime() + retainMs)],
        );
      });
    },
  };
}
