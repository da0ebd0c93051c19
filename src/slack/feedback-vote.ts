import type { QuestionOrigin } from "../questions/types.ts";
import { within } from "../util/within.ts";
import { DEFAULT_SLACK_DEPS, type SlackDeps } from "./deps.ts";
import { renderAnswer } from "./render/answer-blocks.ts";
import type { AnswerRef } from "./render/answer-ref.ts";
import type { SlackMessage } from "./render/blocks.ts";

/** Where the voted-on answer was shown, as Slack's interaction payload says. */
export interface VoteWhere {
  user: string;
  /** The channel of the message; absent for some payloads. */
  channel?: string;
  /** The answer was an ephemeral message (a slash command's, a shortcut's). */
  ephemeral: boolean;
}

/**
 * Where an answer was, for the privacy rule: only the person who asked saw an ephemeral answer;
 * a DM is private; anything else is a message in a channel, public to it.
 */
export function originOf(where: VoteWhere): { origin: QuestionOrigin; channel?: string } {
  if (where.ephemeral || where.channel === undefined) return { origin: "command" };
  if (where.channel.startsWith("D")) return { origin: "dm" };
  return { origin: "mention", channel: where.channel };
}

/**
 * Records one person's vote on an answer (replacing their earlier one) and returns the answer
 * as it was shown, now thanking for the feedback with the votes so far.
 */
export async function voteOnAnswer(
  deps: SlackDeps,
  ref: AnswerRef & { id: string },
  helpful: boolean,
  where: VoteWhere,
): Promise<SlackMessage> {
  await deps.knowledge.ready;
  const answer = deps.knowledge.ask(ref.question, { offset: ref.offset });
  const { origin, channel } = originOf(where);
  const wait = (deps.storeWaitMs ?? DEFAULT_SLACK_DEPS.storeWaitMs).needed;
  const cast = deps.feedback.vote({
    answer: ref.id,
    voter: deps.hashUser(where.user),
    helpful,
    at: (deps.now ?? (() => new Date()))().toISOString(),
    origin,
    answered: answer.confidence !== "none",
    // The question's words are kept only where the answer was public (the privacy rule).
    ...(channel === undefined ? {} : { channel, question: ref.question }),
  });
  // A vote the store can't take in time fails like any other (the voter is told to retry).
  const tally = await within(cast, wait, "the vote");
  return renderAnswer(answer, {
    offset: ref.offset,
    share: ref.share ?? false,
    more: ref.sharedBy === undefined,
    ...(ref.sharedBy === undefined ? {} : { sharedBy: ref.sharedBy }),
    feedback: { id: ref.id, tally },
  });
}
