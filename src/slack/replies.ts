/**
 * The messages the app sends, built from the knowledge service and the render functions. The
 * listeners decide where a message goes; these decide what it says.
 */

import { summarizeKnowledge } from "../answer/summarize-knowledge.ts";
import type { SlackDeps } from "./deps.ts";
import { type AnswerRenderOptions, renderAnswer } from "./render/answer-blocks.ts";
import type { Block, SlackMessage } from "./render/blocks.ts";
import { renderFacts } from "./render/facts-blocks.ts";
import { renderHelp } from "./render/help-blocks.ts";
import { fitMessage } from "./render/limits.ts";
import { renderNotice } from "./render/notice-blocks.ts";
import { renderSources } from "./render/sources-blocks.ts";

/** Message options that keep link previews out of answers and their citations. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

export const NOTICES = {
  noDigest: "The daily digest is not configured: set DIGEST_CHANNELS to turn it on.",
  failed: "Sorry, something went wrong while answering. Please try again in a moment.",
  expired: "This button no longer works: ask the question again.",
  working: "Looking that up…",
} as const;

export interface QuestionOptions extends AnswerRenderOptions {
  /** Log the question for the digest: true for questions, false for More/Share re-runs. */
  record: boolean;
}

/** Answers a question (already read into plain text) and, when asked to, logs it. */
export async function answerQuestion(
  deps: SlackDeps,
  question: string,
  options: QuestionOptions,
): Promise<SlackMessage> {
  await deps.knowledge.ready;
  const answer = deps.knowledge.ask(question, { offset: options.offset ?? 0 });
  if (options.record) {
    const answered = answer.confidence !== "none";
    deps.questionLog?.record({ text: question, answered, at: (deps.now ?? now)() });
  }
  return renderAnswer(answer, options);
}

export async function helpMessage(deps: SlackDeps): Promise<SlackMessage> {
  await deps.knowledge.ready;
  return renderHelp(summarizeKnowledge(deps.knowledge.knowledge()));
}

export async function sourcesMessage(deps: SlackDeps): Promise<SlackMessage> {
  await deps.knowledge.ready;
  return renderSources(deps.knowledge.knowledge().articles);
}

export async function factsMessage(deps: SlackDeps, topic: string): Promise<SlackMessage> {
  await deps.knowledge.ready;
  const kb = deps.knowledge.knowledge();
  const topics = summarizeKnowledge(kb).topics;
  return renderFacts(topic, deps.knowledge.factsAbout(topic), kb.articles, topics);
}

/** The digest helper's preview, made to fit like every other message; or a notice. */
export async function digestMessage(deps: SlackDeps, channel?: string): Promise<SlackMessage> {
  if (!deps.digestPreview) return renderNotice(NOTICES.noDigest);
  const preview = await deps.digestPreview(channel);
  return fitMessage({ text: preview.text, blocks: preview.blocks as Block[] });
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
