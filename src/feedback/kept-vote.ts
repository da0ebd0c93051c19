import type { FeedbackVote } from "./types.ts";

/**
 * What a store keeps of a vote: a private answer's question and channel are dropped, whoever
 * passed them (the privacy rule, the same in every store).
 */
export function keptOf(vote: FeedbackVote): FeedbackVote {
  if (vote.origin === "mention") return vote;
  const { channel: _channel, question: _question, ...kept } = vote;
  return kept;
}
