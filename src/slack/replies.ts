/**
 * The messages the app sends, built from the knowledge service and the render functions. The
 * listeners decide where a message goes; these decide what it says.
 */

import { randomBytes } from "node:crypto";
import { summariseKnowledge } from "../answer/summarise-knowledge.ts";
import { DEFAULT_MORE_OPTIONS, findNextPage } from "../conversation/more-store.ts";
import { describeFeed } from "../feeds/feed-status.ts";
import type { SlackDeps } from "./deps.ts";
import { digestChannelsForAnswer, digestStatusText } from "./digest-settings.ts";
import { listHandAddsThisWeek } from "./hand-adds.ts";
import { readInTime } from "./read-in-time.ts";
import { type AnswerRenderOptions, renderAnswer } from "./render/answer-blocks.ts";
import { type Block, context, type SlackMessage, section } from "./render/blocks.ts";
import { renderFacts } from "./render/facts-blocks.ts";
import { renderHelp } from "./render/help-blocks.ts";
import { fitMessage } from "./render/limits.ts";
import { renderNotice } from "./render/notice-blocks.ts";
import { renderSources } from "./render/sources-blocks.ts";

/** Message options that keep link previews out of answers and their citations. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

export const NOTICES = {
  noDigest:
    "The daily digest goes to no channel yet: set DIGEST_CHANNELS, or run `/iranpak digest subscribe` in a channel.",
  failed: "Sorry, something went wrong while answering. Please try again in a moment.",
  expired: "This button no longer works: ask the question again.",
  moreFirst:
    "Ask a question first: `/iranpak more` shows the next results for your last question in this channel.",
  moreExpired: "That question has expired: ask again.",
  working: "Looking that up…",
  noPreview:
    "The digest preview can't be made just now (its figures are kept in the database, which is not answering): try again in a moment.",
} as const;

export interface QuestionOptions extends AnswerRenderOptions {
  /** Log the question for the digest: true for questions, false for More/Share re-runs. */
  record: boolean;
  /** Remember the question as this person's last in this channel, for `/iranpak more`. */
  pageFor?: { user: string; channel: string };
}

/** Answers a question (already read into plain text) and, when asked to, logs it. */
export async function answerQuestion(
  deps: SlackDeps,
  question: string,
  options: QuestionOptions,
): Promise<SlackMessage> {
  await deps.knowledge.ready;
  const answer = deps.knowledge.ask(question, { offset: options.offset ?? 0 });
  if (deps.note) deps.note.outcome = answer.confidence;
  if (options.record) {
    const answered = answer.confidence !== "none";
    deps.questionLog?.record({ text: question, answered, at: (deps.now ?? now)() });
  }
  if (options.pageFor && deps.more) {
    // Not waited for: the answer never waits on a store (set never rejects).
    void deps.more.set(
      { asker: deps.hashUser(options.pageFor.user), channel: options.pageFor.channel },
      { question, next: answer.nextOffset, at: (deps.now ?? now)() },
    );
  }
  return renderAnswer(answer, { ...options, feedback: options.feedback ?? { id: newAnswerId() } });
}

const ID_BYTES = 8;
/** Random bytes for this many ids are drawn at once: one `randomBytes` call cost ~3 µs. */
const IDS_PER_DRAW = 512;
let idPool = Buffer.alloc(0);
let idAt = 0;

/** A fresh answer id for the feedback buttons: 64 random bits as hex. */
export function newAnswerId(): string {
  if (idAt + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * IDS_PER_DRAW);
    idAt = 0;
  }
  idAt += ID_BYTES;
  return idPool.toString("hex", idAt - ID_BYTES, idAt);
}

/** `/iranpak more`: the next page of `user`'s last question in `channel`, while it is fresh. */
export async function moreMessage(
  deps: SlackDeps,
  where: { user: string; channel: string },
): Promise<SlackMessage> {
  if (!deps.more) return renderNotice(NOTICES.moreFirst);
  const key = { asker: deps.hashUser(where.user), channel: where.channel };
  const ttl = deps.moreTtlMs ?? DEFAULT_MORE_OPTIONS.ttlMs;
  const page = await findNextPage(deps.more, key, (deps.now ?? now)(), ttl);
  if (page.kind === "none") return renderNotice(NOTICES.moreFirst);
  if (page.kind === "expired") return renderNotice(NOTICES.moreExpired);
  await deps.knowledge.ready;
  const answer = deps.knowledge.ask(page.question, { offset: page.offset });
  if (!answer.results.some((r) => r.kind === "passage")) {
    return renderNotice(`No more results for “${page.question}”.`);
  }
  return answerQuestion(deps, page.question, {
    record: false,
    offset: page.offset,
    share: true,
    pageFor: where,
  });
}

export async function helpMessage(deps: SlackDeps): Promise<SlackMessage> {
  await deps.knowledge.ready;
  return renderHelp(summariseKnowledge(deps.knowledge.knowledge()));
}

export async function sourcesMessage(deps: SlackDeps): Promise<SlackMessage> {
  await deps.knowledge.ready;
  const { feeds: following } = deps;
  const [feeds, handAdds] = await Promise.all([
    following === undefined
      ? []
      : readInTime(deps, "optional", () => following.store.list(), "the followed feeds"),
    readInTime(deps, "optional", () => listHandAddsThisWeek(deps), "the articles added by hand"),
  ]);
  const unread = [
    ...(feeds === undefined ? ["the followed feeds"] : []),
    ...(handAdds === undefined && deps.editing !== undefined ? ["the articles added by hand"] : []),
  ];
  const described = (feeds ?? []).map(describeFeed);
  // Feeds only once some are followed: a bot without any lists its articles as before.
  return renderSources(
    deps.knowledge.knowledge().articles,
    described.length > 0 ? described : undefined,
    handAdds,
    unread,
  );
}

export async function factsMessage(deps: SlackDeps, topic: string): Promise<SlackMessage> {
  await deps.knowledge.ready;
  const kb = deps.knowledge.knowledge();
  const topics = summariseKnowledge(kb).topics;
  return renderFacts(topic, deps.knowledge.factsAbout(topic), kb.articles, topics);
}

/**
 * `/iranpak digest`: when and where the digest is posted and whether this channel gets it, then
 * the preview, made to fit like every other message; or a notice when it goes nowhere yet.
 */
export async function digestMessage(deps: SlackDeps, channel: string): Promise<SlackMessage> {
  // Without the settings (a preview wired alone) the preview is all there is to show.
  const channels =
    deps.digestSettings === undefined ? undefined : await digestChannelsForAnswer(deps);
  const status =
    deps.digestSettings === undefined ? [] : [context(digestStatusText(deps, channel, channels))];
  const goesNowhere = deps.digestSettings !== undefined && channels?.length === 0;
  if (!deps.digestPreview || goesNowhere) {
    return fitMessage({ text: NOTICES.noDigest, blocks: [section(NOTICES.noDigest), ...status] });
  }
  const { digestPreview } = deps;
  const preview = await readInTime(
    deps,
    "needed",
    async () => digestPreview(channel),
    "the digest preview",
  );
  if (preview === undefined) {
    return fitMessage({ text: NOTICES.noPreview, blocks: [section(NOTICES.noPreview), ...status] });
  }
  const [head, ...rest] = preview.blocks as Block[];
  return fitMessage({
    text: preview.text,
    blocks: head
      ? [head, ...status, ...rest]
      : status.length > 0
        ? status
        : [section(preview.text)],
  });
}

function now(): Date {
  return new Date();
}

/**
 * Runs `produce`, and when it fails logs why (with `what` was being answered) and returns the
 * "something went wrong" notice: the person asking always gets a reply.
 */
export async function safely(
  deps: SlackDeps,
  what: string,
  produce: () => Promise<SlackMessage>,
): Promise<SlackMessage> {
  try {
    return await produce();
  } catch (error) {
    deps.logger.error(`${what} failed: ${error instanceof Error ? error.stack : String(error)}`);
    return renderNotice(NOTICES.failed);
  }
}
