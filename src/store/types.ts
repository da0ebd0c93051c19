import type { ConversationStore } from "../conversation/context-store.ts";
import type { MoreStore } from "../conversation/more-store.ts";
import type { DigestStore } from "../digest/digest-store.ts";
import type { SubscriptionStore } from "../digest/subscriptions.ts";
import type { FeedbackStore } from "../feedback/types.ts";
import type { FeedStore } from "../feeds/feed-store.ts";
import type { ArticleStore } from "../ingest/article-store.ts";
import type { QuestionLog, QuestionLogOptions } from "../questions/question-log.ts";

/**
 * Remembers event ids for a while, so that Slack's retries of an event are answered once: in
 * memory (one process, forgotten on restart) or in PostgreSQL across replicas.
 */
export interface SeenEvents {
  /** True the first time an id is offered within the TTL; false for repeats. */
  firstTime(id: string): Promise<boolean>;
}

/**
 * The state iranpak keeps between requests, behind one interface per store, chosen once at
 * start (`createStores`): files in DATA_DIR for one process, PostgreSQL for replicas.
 */
export interface Stores {
  /** Where the state lives, for the start-up log: never a password. */
  readonly description: string;
  /** Event ids already answered (Slack retries). */
  readonly seenEvents: SeenEvents;
  /** The digest's per-channel-per-day claims and per-channel state. */
  readonly digest: DigestStore;
  /** The question log the digest is built from. */
  openQuestionLog(options: QuestionLogOptions): QuestionLog;
  /** Helpful / Not helpful votes, one per person (a salted hash) per answer. */
  readonly feedback: FeedbackStore;
  /** Channels subscribed to the digest with `/iranpak digest subscribe`. */
  readonly subscriptions: SubscriptionStore;
  /** Each person's last question per channel, for `/iranpak more`; expires. */
  readonly more: MoreStore;
  /** Followed feeds, their poll state and the claims replicas poll them under. */
  readonly feeds: FeedStore;
  /** Each thread's and DM's last question, which follow-ups are read with; expires. */
  readonly conversations: ConversationStore;
  /** Articles added by URL, the message shortcut, the CLI and feeds, and their tombstones. */
  readonly articles: ArticleStore;
  /**
   * Makes the stored articles part of the knowledge this process serves: with files they are
   * written into the knowledge folder already; with PostgreSQL each replica keeps a copy there,
   * caught up on NOTIFY and by sequence number. `onChange` runs after the folder changed (the
   * knowledge reloads). Resolves once the copy is complete. Call once, from the bot.
   */
  serveArticles(onChange: () => unknown): Promise<void>;
  /** Catches this process's copy up now, after a change it made itself. */
  syncArticles(): Promise<void>;
  /** Saves what is pending and lets go of connections; call once, at exit. */
  close(): Promise<void>;
}
