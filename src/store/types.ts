import type { QuestionLog, QuestionLogOptions } from "../digest/question-log.ts";
import type { DigestStore } from "../digest/state.ts";
import type { SeenEvents } from "../slack/listeners/events/seen-events.ts";

/** What a question log needs besides where it lives. */
export type StoreQuestionLogOptions = Omit<QuestionLogOptions, "dataDir" | "files">;

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
  openQuestionLog(options: StoreQuestionLogOptions): QuestionLog;
  /** Saves what is pending and lets go of connections; call once, at exit. */
  close(): Promise<void>;
}
