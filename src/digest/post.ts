import { summariseFeedback } from "../feedback/summarise.ts";
import type { FeedbackStore } from "../feedback/types.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Logger } from "../log/logger.ts";
import type { QuestionLog } from "../questions/question-log.ts";
import { composeDigest, snapshotOf } from "./compose.ts";
import type { ChannelRecord, DigestStore } from "./digest-store.ts";
import { addDays, checkDue, type DigestSchedule, wallClock } from "./schedule.ts";
import { digestChannels, type SubscriptionStore } from "./subscriptions.ts";
import type { Digest } from "./types.ts";

/** A digest as a chat message: its fallback text and its blocks (Slack's Block Kit). */
export interface DigestMessage {
  text: string;
  blocks: unknown[];
}

/** The one Web API method the digest needs; Bolt's `app.client` and a WebClient both fit. */
export interface DigestClient {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: DigestMessage["blocks"];
      unfurl_links: boolean;
      unfurl_media: boolean;
    }): Promise<{ ok?: boolean; ts?: string }>;
  };
}

/** How the chat the digest goes to shows it, and tells why a post failed (slack/). */
export interface DigestPresenter<M extends DigestMessage = DigestMessage> {
  render(digest: Digest): M;
  /** The digest marked as a preview that only the asker sees. */
  renderPreview(digest: Digest): M;
  /** A short, loggable reason from the client's error (`not_in_channel`, `HTTP 503`, …). */
  describeFailure(error: unknown): string;
}

export interface DigestDeps {
  client: DigestClient;
  presenter: DigestPresenter;
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
export async function renderChannelDigest<M extends DigestMessage>(
  deps: Pick<DigestDeps, "schedule" | "store" | "knowledge" | "questions" | "feedback"> & {
    presenter: Pick<DigestPresenter<M>, "render">;
  },
  channel: string | undefined,
  now: Date,
  options: { quote: boolean } = { quote: true },
): Promise<M> {
  await deps.questions.sync?.();
  const last = channel === undefined ? undefined : (await deps.store.read()).channels[channel];
  const date = wallClock(now, deps.schedule.timeZone).date;
  const quoting = options.quote ? channel : undefined;
  return deps.presenter.render(await digestFor(deps, deps.knowledge(), last, date, quoting));
}

/** Days of claim files kept: enough for any zone's "today" and a look back when debugging. */
const CLAIM_DAYS_KEPT = 7;

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
    try {
      await postChannel(deps, { channel, last, today, now, mode }, outcome);
    } catch (error) {
      // Each channel stands alone: a bad id or a store error for one costs only that channel.
      logger.error(
        `digest for ${channel.slice(0, 40)} on ${today} was not posted: ${(error as Error).message}; it is retried later`,
      );
      outcome("failed", { error: (error as Error).message });
    }
  }
  await store.pruneClaims(addDays(today, -CLAIM_DAYS_KEPT));
  return outcomes;
}

/** One channel's post: claim the day, render, post, record; `outcome` says how it went. */
async function postChannel(
  deps: DigestDeps,
  run: {
    channel: string;
    last: ChannelRecord | undefined;
    today: string;
    now: Date;
    mode: PostMode;
  },
  outcome: (status: ChannelStatus, extra?: Partial<ChannelOutcome>) => void,
): Promise<void> {
  const { store, logger } = deps;
  const { channel, last, today, now, mode } = run;
  const claim = await store.claim(today, channel, { force: mode === "force" });
  if (claim === undefined) {
    outcome("claimed-elsewhere");
    return;
  }
  const kb = deps.knowledge();
  let ts: string | undefined;
  try {
    const message = deps.presenter.render(await digestFor(deps, kb, last, today, channel));
    const result = await deps.client.chat.postMessage({
      channel,
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
    ts = result.ts;
  } catch (error) {
    await claim.release();
    const reason = deps.presenter.describeFailure(error);
    const fix = FIXES[reason];
    logger.error(
      `digest for ${channel} on ${today} was not posted: ${reason}${fix ? ` (${fix})` : ""}; a later run today can post it (the bot retries within 15 minutes)`,
    );
    outcome("failed", { error: reason });
    return;
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
