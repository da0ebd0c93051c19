import type { webApi } from "@slack/bolt";
import type { ConversationStore } from "../conversation/context-store.ts";
import type { MoreStore } from "../conversation/more-store.ts";
import type { DigestSchedule } from "../digest/schedule.ts";
import type { SubscriptionStore } from "../digest/subscriptions.ts";
import type { FeedbackStore } from "../feedback/types.ts";
import type { FeedStore } from "../feeds/feed-store.ts";
import type { KnowledgeService } from "../live-index/types.ts";
import type { Logger } from "../log/logger.ts";
import type { QuestionLog, QuestionSource } from "../questions/question-log.ts";
import type { SeenEvents } from "../store/types.ts";
import type { KnowledgeEditing } from "./knowledge-edits.ts";
import type { RequestNote } from "./request-log.ts";
import type { SlackFetchOptions } from "./slack-fetch.ts";

/**
 * Where each question goes for the digest: its text, when, answered or not, and where it was
 * asked; the asker's id only to be hashed (see QuestionSource), never kept.
 */
export interface QuestionRecorder {
  record(entry: { text: string; answered: boolean; at: Date }, source?: QuestionSource): void;
  /** What was asked, as a digest would show it (the Home tab's week); absent: not counted. */
  summarise?: QuestionLog["summarise"];
}

/** The deps for one request, whose answers note their confidence for the request log. */
export function notedIn<D extends SlackDeps>(deps: D, note: RequestNote | undefined): D {
  return note === undefined ? deps : { ...deps, note };
}

/**
 * The deps for answering one question asked from `source`: its question log files the question
 * under that source, so a DM or a slash command is never quoted in a channel's digest.
 */
export function askedFrom(deps: SlackDeps, source: QuestionSource): SlackDeps {
  const log = deps.questionLog;
  if (log === undefined) return deps;
  return { ...deps, questionLog: { record: (entry) => log.record(entry, source) } };
}

export interface DigestSettings {
  schedule: DigestSchedule;
  /** DIGEST_CHANNELS: always posted to. */
  channels: readonly string[];
  /** DIGEST_ADMINS: who may subscribe channels; empty: workspace admins. */
  admins: readonly string[];
}

export interface FeedSettings {
  store: FeedStore;
  /** KNOWLEDGE_EDITORS: who may add and remove feeds; empty: workspace admins. */
  editors: readonly string[];
}

/** A ready-to-post message (Block Kit), as the digest helper renders it. */
export interface PreviewMessage {
  text: string;
  blocks: unknown[];
}

/** What the Slack app needs from the rest of iranpak. */
export interface SlackDeps {
  knowledge: KnowledgeService;
  logger: Logger;
  /** The request being answered (see `notedIn`): an answer notes its confidence there. */
  note?: RequestNote;
  questionLog?: QuestionRecorder;
  /** Event ids already answered (see src/store). */
  seenEvents: SeenEvents;
  /**
   * Renders what the next daily digest would post in `channel` (the asker's); absent when no
   * digest is configured.
   */
  digestPreview?: (channel?: string) => Promise<PreviewMessage> | PreviewMessage;
  /** The clock questions are logged with. Default: the system clock. */
  now?: () => Date;
  /**
   * Salted hash of a Slack user id, for everything kept about a person (their last question,
   * their votes): the question log's hash, so every trace of a person is the same hash.
   */
  hashUser: (userId: string) => string;
  /**
   * Where `/iranpak more` finds each person's last question (`stores.more`, shared by replicas
   * with DATABASE_URL).
   */
  more: MoreStore;
  /** How long a question can be paged with `/iranpak more`. Default 1 hour. */
  moreTtlMs?: number;
  /**
   * Each thread's and DM's last question, which a follow-up ("and how long is it?") is read
   * with (`stores.conversations`).
   */
  conversations: ConversationStore;
  /** How long a question stays the context of the next in its thread or DM. Default 30 min. */
  conversationTtlMs?: number;
  /** Channels subscribed with `/iranpak digest subscribe` (`stores.subscriptions`). */
  subscriptions: SubscriptionStore;
  /** The digest's schedule, its base channels and who may subscribe channels. */
  digestSettings?: DigestSettings;
  /**
   * Whether a Slack user is a workspace admin or owner (users.info), asked when
   * `digestSettings.admins` is empty. Default: asked with the app's Web API client.
   */
  isWorkspaceAdmin?: (userId: string) => Promise<boolean>;
  /** The followed feeds and who may change them; absent: `/iranpak feeds` says it is off. */
  feeds?: FeedSettings;
  /** Where Helpful / Not helpful votes are kept (`stores.feedback`). */
  feedback: FeedbackStore;
  /** `/iranpak add`, `remove` and the "Add to iranpak knowledge" shortcut; absent: not set up. */
  editing?: KnowledgeEditing;
  /** How long a slash command may take before it is acked and answered later. */
  ackDeadlineMs?: number;
  /**
   * How long an answer waits on a store read it can do without (the subscribed channels), and
   * on one it can't (a vote, the digest preview), before it says so in a plain sentence: a
   * database behind a partition must not hold an answer.
   */
  storeWaitMs?: { optional: number; needed: number };
  /** The Web API retry policy for failed calls (429s are retried per channel, see webApiLimits). */
  retryConfig?: webApi.RetryOptions;
  /**
   * Time limit on each Web API and response_url call, and how 429s are retried. Default:
   * `DEFAULT_SLACK_FETCH_OPTIONS`.
   */
  webApiLimits?: Partial<SlackFetchOptions>;
}

export const DEFAULT_SLACK_DEPS = {
  /** Slack wants an ack within 3 s; leave room for the network. */
  ackDeadlineMs: 2500,
  /**
   * A few quick retries: an answer late by minutes is worse than a logged failure, and Bolt's
   * default (ten retries over half an hour) would hold every reply that long.
   */
  retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 },
  storeWaitMs: { optional: 500, needed: 1_500 },
} as const satisfies Partial<SlackDeps>;
