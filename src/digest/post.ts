import { webApi } from "@slack/bolt";
import type { Config } from "../config.ts";
import { summariseFeedback } from "../feedback/summarise.ts";
import type { FeedbackStore } from "../feedback/types.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Logger } from "../log/logger.ts";
import { createAskerHasher, generateSalt } from "../questions/asker-hash.ts";
import type { QuestionLog } from "../questions/question-log.ts";
import { topicModelOf } from "../questions/topics.ts";
import type { KnowledgeService } from "../service/types.ts";
import type { SlackDeps } from "../slack/deps.ts";
import { context, type SlackMessage } from "../slack/render/blocks.ts";
import { renderDigest } from "../slack/render/digest-blocks.ts";
import { fitMessage } from "../slack/render/limits.ts";
import { createSlackFetch, type SlackFetchOptions } from "../slack/slack-fetch.ts";
import { createFileStores } from "../store/file/stores.ts";
import type { Stores } from "../store/types.ts";
import { composeDigest, snapshotOf } from "./compose.ts";
import type { ChannelRecord, DigestStore } from "./digest-store.ts";
import { addDays, checkDue, type DigestSchedule, wallClock } from "./schedule.ts";
import { type Clock, type DigestScheduler, scheduleDigestRuns } from "./scheduler.ts";
import { digestChannels, type SubscriptionStore } from "./subscriptions.ts";
import type { Digest } from "./types.ts";

/** The one Web API method the digest needs; Bolt's `app.client` and a WebClient both fit. */
export interface DigestClient {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: SlackMessage["blocks"];
      unfurl_links: boolean;
      unfurl_media: boolean;
    }): Promise<{ ok?: boolean; ts?: string }>;
  };
}

export interface DigestDeps {
  client: DigestClient;
  channels: readonly string[];
  schedule: DigestSchedule;
  store: DigestStore;
  /** The knowledge base as it is now (e.g. `service.knowledge`). */
  knowledge: () => KnowledgeBase;
  questions: DigestQuestionSource;
  /** Votes on answers: those found wrong join the gaps. */
  feedback?: Pick<FeedbackStore, "votes">;
  /** Channels subscribed from Slack, posted to besides `channels` (the base list). */
  subscriptions?: Pick<SubscriptionStore, "list">;
  logger: Logger;
}

/** What a digest reads of the question log; `sync` first brings in other replicas' questions. */
export type DigestQuestionSource = Pick<QuestionLog, "summarise"> &
  Partial<Pick<QuestionLog, "sync">>;

/**
 * `scheduled`: post where the schedule says a digest is due (scheduled day, time reached, not
 * yet posted today). `now`: post where nothing was posted today, whatever the time (for system
 * cron). `force`: post even if today's digest went out already.
 */
export type PostMode = "scheduled" | "now" | "force";

export type ChannelStatus =
  | "posted"
  | "not-due"
  | "already-posted"
  | "claimed-elsewhere"
  | "failed";

export interface ChannelOutcome {
  channel: string;
  /** Local date of the digest, `YYYY-MM-DD`. */
  date: string;
  status: ChannelStatus;
  ts?: string;
  /** Why a post failed, as Slack said it (`not_in_channel`, `HTTP 503`, …). */
  error?: string;
}

/**
 * A channel's digest for `date`: what is new since its last one, and questions asked after it,
 * quoting only those asked by mention in `quoting` (the channel that will see it).
 */
async function digestFor(
  deps: Pick<DigestDeps, "questions" | "feedback">,
  kb: KnowledgeBase,
  last: ChannelRecord | undefined,
  date: string,
  quoting: string | undefined,
): Promise<Digest> {
  const after = last === undefined ? undefined : new Date(last.postedAt);
  const questions = deps.questions.summarise({
    ...(after === undefined ? {} : { after }),
    ...(quoting === undefined ? {} : { channel: quoting }),
  });
  const votes = deps.feedback
    ? await deps.feedback.votes(after === undefined ? {} : { after })
    : [];
  const { wrong, wrongUnlisted } = summariseFeedback(votes, {
    ...(quoting === undefined ? {} : { channel: quoting }),
  });
  return composeDigest({
    kb,
    since: last?.snapshot,
    questions: { ...questions, wrong, wrongUnlisted },
    date,
  });
}

/**
 * The message a channel would get if its digest were posted at `now` (no channel: a first
 * digest). Reads state, changes nothing: for previews and `npm run digest -- --dry-run`.
 * It quotes the channel's own mentions, unless `quote` is false: a preview shown to someone who
 * may not be in the channel quotes none.
 */
export async function renderChannelDigest(
  deps: Pick<DigestDeps, "schedule" | "store" | "knowledge" | "questions" | "feedback">,
  channel: string | undefined,
  now: Date,
  options: { quote: boolean } = { quote: true },
): Promise<SlackMessage> {
  await deps.questions.sync?.();
  const last = channel === undefined ? undefined : (await deps.store.read()).channels[channel];
  const date = wallClock(now, deps.schedule.timeZone).date;
  const quoting = options.quote ? channel : undefined;
  return renderDigest(await digestFor(deps, deps.knowledge(), last, date, quoting));
}

/** Days of claim files kept: enough for any zone's "today" and a look back when debugging. */
const CLAIM_DAYS_KEPT = 7;

/** A short, loggable reason from a Web API error. */
export function describeSlackError(error: unknown): string {
  const e = error as {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    retryAfter?: number;
    message?: string;
    original?: Error;
  };
  if (e?.code === webApi.ErrorCode.PlatformError && e.data?.error) return e.data.error;
  if (e?.code === webApi.ErrorCode.HTTPError && e.statusCode) return `HTTP ${e.statusCode}`;
  if (e?.code === webApi.ErrorCode.RateLimitedError) {
    return `rate limited (retry after ${e.retryAfter ?? "?"} s)`;
  }
  if (e?.code === webApi.ErrorCode.RequestError && e.original) return e.original.message;
  return e?.message ?? String(error);
}

const FIXES: Record<string, string> = {
  not_in_channel: "invite the bot with /invite @iranpak in that channel",
  channel_not_found:
    "check the id in DIGEST_CHANNELS, and invite the bot if the channel is private",
  is_archived: "the channel is archived: remove it from DIGEST_CHANNELS",
  invalid_auth: "check SLACK_BOT_TOKEN",
  missing_scope: "add the chat:write scope and reinstall the app",
};

/**
 * Posts the day's digest to each channel, one after another (Slack allows about one message a
 * second per channel; the WebClient waits out a 429's Retry-After). A day is claimed before a
 * post and given back when the post fails, so the next run retries it and no two processes post
 * the same day. One channel failing is logged and does not stop the others.
 */
export async function postDigests(
  deps: DigestDeps,
  run: { now: Date; mode: PostMode },
): Promise<ChannelOutcome[]> {
  const { store, logger, schedule } = deps;
  const { now, mode } = run;
  await deps.questions.sync?.();
  const state = await store.read();
  const outcomes: ChannelOutcome[] = [];
  const today = wallClock(now, schedule.timeZone).date;
  for (const channel of await digestChannels(deps.channels, deps.subscriptions)) {
    const last = state.channels[channel];
    const outcome = (status: ChannelStatus, extra: Partial<ChannelOutcome> = {}) =>
      outcomes.push({ channel, date: today, status, ...extra });
    if (mode === "scheduled") {
      const check = checkDue({ now, schedule, lastPostedDate: last?.lastPostedDate });
      if (!check.due) {
        outcome(last?.lastPostedDate === today ? "already-posted" : "not-due");
        continue;
      }
    } else if (mode === "now" && last?.lastPostedDate === today) {
      outcome("already-posted");
      continue;
    }
    const claim = await store.claim(today, channel, { force: mode === "force" });
    if (claim === undefined) {
      outcome("claimed-elsewhere");
      continue;
    }
    const kb = deps.knowledge();
    const message = renderDigest(await digestFor(deps, kb, last, today, channel));
    let ts: string | undefined;
    try {
      const result = await deps.client.chat.postMessage({
        channel,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
      ts = result.ts;
    } catch (error) {
      await claim.release();
      const reason = describeSlackError(error);
      const fix = FIXES[reason];
      logger.error(
        `digest for ${channel} on ${today} was not posted: ${reason}${fix ? ` (${fix})` : ""}; it is retried at the next scheduled run`,
      );
      outcome("failed", { error: reason });
      continue;
    }
    try {
      await store.recordPost(channel, {
        lastPostedDate: today,
        postedAt: now.toISOString(),
        ...(ts === undefined ? {} : { ts }),
        snapshot: snapshotOf(kb),
      });
    } catch (error) {
      // The day's claim stays, so there is no repeat post; the next digest may repeat news.
      logger.error(`digest for ${channel} posted, but its state was not saved: ${error}`);
    }
    logger.info(`digest for ${channel} on ${today} posted (ts ${ts ?? "?"})`);
    outcome("posted", ts === undefined ? {} : { ts });
  }
  await store.pruneClaims(addDays(today, -CLAIM_DAYS_KEPT));
  return outcomes;
}

/**
 * Runs `postDigests` now (a bot started after the scheduled time catches up the same day) and
 * then at each scheduled instant. A channel that failed waits for the next scheduled run. The
 * question log is pruned on each run, so retention holds on a bot that never restarts; a run
 * waits until the log has been read, so a digest never counts half of it.
 */
export function startDigestScheduler(
  deps: DigestDeps & {
    questions: Pick<QuestionLog, "summarise" | "prune" | "ready">;
    clock?: Clock;
  },
): DigestScheduler {
  return scheduleDigestRuns({
    schedule: deps.schedule,
    logger: deps.logger,
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    async run(now) {
      await deps.questions.ready;
      deps.questions.prune(now);
      await postDigests(deps, { now, mode: "scheduled" });
    },
  });
}

/**
 * For `/iranpak digest`: the digest a channel would get if it were posted now, marked as a
 * preview. Asked from a digest channel, that channel's; from anywhere else (or without a
 * channel), the first digest channel's, quoting no one's question (the asker may not be in that
 * channel). Nothing is posted and no state changes. Built from the question log's summary in
 * memory, so it answers inside the ack however long the log.
 */
export function createDigestPreview(
  deps: Pick<
    DigestDeps,
    "channels" | "schedule" | "store" | "knowledge" | "questions" | "feedback" | "subscriptions"
  > & {
    now?: () => Date;
  },
): (channel?: string) => Promise<SlackMessage> {
  const now = deps.now ?? (() => new Date());
  return async (channel) => {
    const channels = await digestChannels(deps.channels, deps.subscriptions);
    const subscribed = channel !== undefined && channels.includes(channel);
    const message = subscribed
      ? await renderChannelDigest(deps, channel, now())
      : await renderChannelDigest(deps, channels[0], now(), { quote: false });
    const [head, ...rest] = message.blocks;
    const note = context("_Preview: only you can see this. Nothing was posted._");
    return fitMessage({ text: message.text, blocks: head ? [head, note, ...rest] : [note] });
  };
}

/** Retries for a digest post: a few, spread over about a minute, then the next run's turn. */
export const DIGEST_RETRY_POLICY = { retries: 3, factor: 3, minTimeout: 2_000, maxTimeout: 30_000 };

/**
 * A Web API client for the digest, for `npm run digest` and for main.ts when it prefers one
 * that gives up sooner than Bolt's (ten retries over half an hour) on a failing channel. Each
 * attempt has a time limit, so a post that hangs fails and is logged instead of holding the run
 * (and the process's exit) forever; a 429 waits for its channel's Retry-After, as answers do.
 */
export function createDigestClient(options: {
  token: string;
  slackApiUrl?: string;
  retryConfig?: webApi.RetryOptions;
  limits?: Partial<SlackFetchOptions>;
}): webApi.WebClient {
  return new webApi.WebClient(options.token, {
    ...(options.slackApiUrl === undefined ? {} : { slackApiUrl: options.slackApiUrl }),
    retryConfig: options.retryConfig ?? DIGEST_RETRY_POLICY,
    fetch: createSlackFetch(options.limits),
    rejectRateLimitedCalls: true,
    logLevel: webApi.LogLevel.ERROR,
  });
}

/** The digest's Web API client for the configured bot; undefined without a bot token. */
export function digestClientFromConfig(config: Config): DigestClient | undefined {
  if (config.slack.mode === "console") return undefined;
  return createDigestClient({
    token: config.slack.botToken,
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
  });
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
 * Wires the digest from the config: the question log in `stores` (default: files in DATA_DIR;
 * read in the background, pruned on opening and on each run, topics as the current knowledge
 * base sees them), the feedback votes and subscriptions in the same stores, the preview, and a
 * scheduler posting with a WebClient that honours SLACK_API_URL.
 */
export function createDigestWiring(
  config: Config,
  deps: {
    knowledge: Pick<KnowledgeService, "knowledge">;
    logger: Logger;
    now?: () => Date;
    stores?: Pick<Stores, "digest" | "openQuestionLog" | "feedback" | "subscriptions">;
  },
): DigestWiring {
  const { logger } = deps;
  const stores = deps.stores ?? createFileStores({ dataDir: config.dataDir, logger });
  const questionLog = stores.openQuestionLog({
    retentionDays: config.questionLogRetentionDays,
    logger,
    topics: () => topicModelOf(deps.knowledge.knowledge()),
    ...(config.questionHashSalt === undefined ? {} : { salt: config.questionHashSalt }),
    ...(deps.now === undefined ? {} : { now: deps.now() }),
  });
  const { feedback, subscriptions } = stores;
  const common = {
    channels: config.digest.channels,
    schedule: config.digest,
    store: stores.digest,
    knowledge: () => deps.knowledge.knowledge(),
    questions: questionLog,
    feedback,
    subscriptions,
  };
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
        ...(options.clock === undefined ? {} : { clock: options.clock }),
      });
    },
  };
}
