import type { webApi } from "@slack/bolt";
import type { QuestionSource } from "../digest/question-log.ts";
import type { Logger } from "../logger.ts";
import type { KnowledgeService } from "../service/types.ts";
import type { SeenEvents } from "./listeners/events/seen-events.ts";
import type { SlackFetchOptions } from "./slack-fetch.ts";

/**
 * Where each question goes for the digest: its text, when, answered or not, and where it was
 * asked; the asker's id only to be hashed (see QuestionSource), never kept.
 */
export interface QuestionRecorder {
  record(entry: { text: string; answered: boolean; at: Date }, source?: QuestionSource): void;
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

/** A ready-to-post message (Block Kit), as the digest helper renders it. */
export interface PreviewMessage {
  text: string;
  blocks: unknown[];
}

/** What the Slack app needs from the rest of iranpak. */
export interface SlackDeps {
  knowledge: KnowledgeService;
  logger: Logger;
  questionLog?: QuestionRecorder;
  /** Event ids already answered; default: in this process's memory (see src/store). */
  seenEvents?: SeenEvents;
  /**
   * Renders what the next daily digest would post in `channel` (the asker's); absent when no
   * digest is configured.
   */
  digestPreview?: (channel?: string) => Promise<PreviewMessage> | PreviewMessage;
  /** The clock questions are logged with. Default: the system clock. */
  now?: () => Date;
  /** How long a slash command may take before it is acked and answered later. */
  ackDeadlineMs?: number;
  /** The Web API retry policy for failed calls (429s are retried per channel, see webApiLimits). */
  retryConfig?: webApi.RetryOptions;
  /**
   * Time limit on each Web API and response_url call, and how 429s are retried. Default:
   * `defaultSlackFetchOptions`.
   */
  webApiLimits?: Partial<SlackFetchOptions>;
}

export const SLACK_DEPS_DEFAULTS = {
  /** Slack wants an ack within 3 s; leave room for the network. */
  ackDeadlineMs: 2500,
  /**
   * A few quick retries: an answer late by minutes is worse than a logged failure, and Bolt's
   * default (ten retries over half an hour) would hold every reply that long.
   */
  retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 },
} as const satisfies Partial<SlackDeps>;
