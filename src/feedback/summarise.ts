import type { DigestGap } from "../questions/types.ts";
import type { FeedbackVote } from "./types.ts";

export interface FeedbackSummary {
  helpful: number;
  notHelpful: number;
  /** Questions whose answers the team found wrong, quotable where asked, most votes first. */
  wrong: DigestGap[];
  /** Answers found wrong that can't be quoted here (private, or from another channel). */
  wrongUnlisted: number;
}

/**
 * Sums up votes for a channel's digest (or, with `channel: "*"`, for the team's report): an
 * answer was found wrong when its "not helpful" votes are at least its "helpful" ones. Its
 * question is quoted only when the answer was public in that channel (the privacy rule).
 */
export function summariseFeedback(
  votes: readonly FeedbackVote[],
  quoting: { channel?: string },
): FeedbackSummary {
  const answers = new Map<string, { helpful: number; notHelpful: number; vote: FeedbackVote }>();
  let helpful = 0;
  let notHelpful = 0;
  for (const vote of votes) {
    if (vote.helpful) helpful++;
    else notHelpful++;
    const a = answers.get(vote.answer) ?? { helpful: 0, notHelpful: 0, vote };
    if (vote.helpful) a.helpful++;
    else a.notHelpful++;
    answers.set(vote.answer, a);
  }
  const wrong = new Map<string, DigestGap>();
  let wrongUnlisted = 0;
  for (const { helpful: up, notHelpful: down, vote } of answers.values()) {
    if (down === 0 || down < up) continue;
    const quotable =
      vote.origin === "mention" &&
      vote.question !== undefined &&
      vote.channel !== undefined &&
      (quoting.channel === "*" || quoting.channel === vote.channel);
    if (!quotable || vote.question === undefined) {
      wrongUnlisted++;
      continue;
    }
    const key = vote.question.toLowerCase().replace(/\s+/g, " ").trim();
    const gap = wrong.get(key) ?? { text: vote.question, count: 0 };
    gap.count += down;
    wrong.set(key, gap);
  }
  return {
    helpful,
    notHelpful,
    wrong: [...wrong.values()].sort((a, b) => b.count - a.count),
    wrongUnlisted,
  };
}
