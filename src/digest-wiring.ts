import type { Config } from "./config.ts";
import type { DigestClient, DigestDeps, DigestPresenter } from "./digest/post.ts";
import { startDigestScheduler } from "./digest/post-on-schedule.ts";
import { createDigestPreview } from "./digest/preview.ts";
import type { Clock, DigestScheduler } from "./digest/scheduler.ts";
import type { SubscriptionStore } from "./digest/subscriptions.ts";
import type { FeedbackStore } from "./feedback/types.ts";
import type { KnowledgeService } from "./live-index/types.ts";
import type { Logger } from "./log/logger.ts";
import { createAskerHasher, generateSalt } from "./questions/asker-hash.ts";
import type { QuestionLog } from "./questions/question-log.ts";
import { topicModelOf } from "./questions/topics.ts";
import type { SlackDeps } from "./slack/deps.ts";
import { digestClientFromConfig, SLACK_DIGEST_PRESENTER } from "./slack/digest-client.ts";
import type { SlackMessage } from "./slack/render/blocks.ts";
import type { Stores } from "./store/types.ts";

/** The stores the digest reads and writes. */
export type DigestStores = Pick<
  Stores,
  "digest" | "openQuestionLog" | "feedback" | "subscriptions"
>;

/**
 * The question log the digest is built from, in `stores`, its topics as the current knowledge
 * base sees them: the bot's and `npm run digest`'s alike.
 */
export function openDigestQuestionLog(
  config: Pick<Config, "questionLogRetentionDays" | "questionHashSalt">,
  deps: { stores: DigestStores; knowledge: Pick<KnowledgeService, "knowledge">; logger: Logger },
  options: { now?: Date; readOnly?: boolean },
): QuestionLog {
  return deps.stores.openQuestionLog({
    retentionDays: config.questionLogRetentionDays,
    logger: deps.logger,
    topics: () => topicModelOf(deps.knowledge.knowledge()),
    ...(config.questionHashSalt === undefined ? {} : { salt: config.questionHashSalt }),
    ...options,
  });
}

/**
 * What posting and previewing the digest read, from the config and the stores: the channels in
 * DIGEST_CHANNELS and those subscribed from Slack, the schedule, the digest's state, the
 * question log and the votes. The scheduler and `npm run digest` post with the same.
 */
export function digestDepsOf(
  config: Pick<Config, "digest">,
  deps: { stores: DigestStores; knowledge: Pick<KnowledgeService, "knowledge"> },
  questions: QuestionLog,
): Omit<DigestDeps, "client" | "logger" | "presenter" | "questions"> & {
  presenter: DigestPresenter<SlackMessage>;
  questions: QuestionLog;
} {
  const { stores, knowledge } = deps;
  return {
    presenter: SLACK_DIGEST_PRESENTER,
    channels: config.digest.channels,
    schedule: config.digest,
    store: stores.digest,
    knowledge: () => knowledge.knowledge(),
    questions,
    feedback: stores.feedback,
    subscriptions: stores.subscriptions,
  };
}

/** Everything main.ts needs for the digest, built from the config once. */
export interface DigestWiring {
  /** For the Slack app's `questionLog`: records every question, whether or not a digest runs. */
  questionLog: QuestionLog;
  /** Helpful / Not helpful votes (from `stores`): the digest's gaps and `npm run report` read them. */
  feedback: FeedbackStore;
  /** For the Slack app's `digestPreview` and the console's. */
  preview: (channel?: string) => Promise<SlackMessage>;
  /** Channels subscribed from Slack (from `stores`). */
  subscriptions: SubscriptionStore;
  /** What the Slack app takes from the digest's wiring: the log, votes, previews, the salt. */
  slackDeps: Pick<
    SlackDeps,
    "questionLog" | "feedback" | "hashUser" | "digestPreview" | "subscriptions" | "digestSettings"
  >;
  /** Starts the scheduler; undefined without a bot token. */
  start(options?: { clock?: Clock; client?: DigestClient }): DigestScheduler | undefined;
}

/**
 * Wires the digest from the config: the question log in `stores` (read in the background,
 * pruned on opening and on each run, topics as the current knowledge base sees them), the
 * feedback votes and subscriptions in the same stores, the preview, and a scheduler posting
 * with a WebClient that honours SLACK_API_URL.
 */
export function createDigestWiring(
  config: Config,
  deps: {
    knowledge: Pick<KnowledgeService, "knowledge">;
    logger: Logger;
    now?: () => Date;
    stores: DigestStores;
  },
): DigestWiring {
  const { logger, stores } = deps;
  const questionLog = openDigestQuestionLog(
    config,
    deps,
    deps.now === undefined ? {} : { now: deps.now() },
  );
  const { feedback, subscriptions } = stores;
  const common = digestDepsOf(config, deps, questionLog);
  const preview = createDigestPreview({
    ...common,
    ...(deps.now === undefined ? {} : { now: deps.now }),
  });
  const processSalt = createAskerHasher(generateSalt());
  return {
    questionLog,
    feedback,
    preview,
    subscriptions,
    slackDeps: {
      questionLog,
      feedback,
      subscriptions,
      digestSettings: {
        schedule: config.digest,
        channels: config.digest.channels,
        admins: config.digest.admins,
      },
      // The question log's salt, so every trace of a person is the same hash (or none).
      hashUser: (userId) => questionLog.hashAsker(userId) ?? processSalt.hash(userId),
      digestPreview: preview,
    },
    start(options = {}) {
      const client = options.client ?? digestClientFromConfig(config);
      if (client === undefined) return undefined;
      const { time, timeZone, days } = config.digest;
      logger.info(
        `digest: ${config.digest.channels.join(", ") || "no base channels"} (and channels subscribed from Slack) at ${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")} ${timeZone} on days ${days.join(",")} (0 = Sunday)`,
      );
      return startDigestScheduler({
        ...common,
        client,
        logger,
        retentionDays: config.questionLogRetentionDays,
        votes: feedback,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
      });
    },
  };
}
