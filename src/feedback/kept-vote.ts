import { MAX_QUESTION_LENGTH } from "../questions/question-log.ts";
import { keptText, storableText } from "../util/storable-text.ts";
import type { FeedbackVote } from "./types.ts";

/** Answer ids are 16 hex digits; a forged longer one is cut, not kept whole. */
const MAX_ANSWER_ID_LENGTH = 64;

/**
 * What a store keeps of a vote: a private answer's question and channel are dropped, whoever
 * passed them (the privacy rule, the same in every store); the question is cut like the
 * question log's, and every text (a button's value can be forged) is made storable.
 */
export function keptOf(vote: FeedbackVote): FeedbackVote {
  const { channel, question, ...rest } = vote;
  const kept: FeedbackVote = {
    ...rest,
    answer: keptText(rest.answer, MAX_ANSWER_ID_LENGTH),
    voter: storableText(rest.voter),
  };
  if (vote.origin !== "mention") return kept;
  return {
    ...kept,
    ...(channel === undefined ? {} : { channel: storableText(channel) }),
    ...(question === undefined ? {} : { question: keptText(question, MAX_QUESTION_LENGTH) }),
  };
}
