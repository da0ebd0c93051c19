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
 * What a vote is about, for counting each person once: the question, however many answers it
 * was given (every mention, Share or re-ask makes a new one), or the answer when its question is
 * not kept (a private one). A channel's question is its own subject there.
 */
function subjectOf(vote: FeedbackVote): string {
  if (vote.question === undefined) return `answer ${vote.answer}`;
  const words = vote.question.toLowerCase().replace(/\s+/g, " ").trim();
  return `question ${vote.channel ?? ""} ${words}`;
}

/** Each person's latest vote per subject: one vote per person per question. */
function onePerPersonPerQuestion(votes: readonly FeedbackVote[]): FeedbackVote[] {
  const latest = new Map<string, FeedbackVote>();
  for (const vote of votes) {
    const key = `${vote.voter}\n${subjectOf(vote)}`;
    const earlier = latest.get(key);
    if (earlier === undefined || Date.parse(earlier.at) <= Date.parse(vote.at)) {
      latest.set(key, vote);
    }
  }
  return [...latest.values()];
}

/**
 * Sums up votes for a channel's digest (or, with `channel: "*"`, for the team's report), one
 * per person per question (their latest): a question's answers were found wrong when its "not
 * helpful" voters are at least its "helpful" ones. Its question is quoted only when the answer
 * was public in that channel (the privacy rule).
 */
export function summariseFeedback(
  votes: readonly FeedbackVote[],
  quoting: { channel?: string },
): FeedbackSummary {
  const subjects = new Map<string, { helpful: number; notHelpful: number; vote: FeedbackVote }>();
  let helpful = 0;
  let notHelpful = 0;
  for (const vote of onePerPersonPerQuestion(votes)) {
    if (vote.helpful) helpful++;
    else notHelpful++;
    const key = subjectOf(vote);
    const a = subjects.get(key) ?? { helpful: 0, notHelpful: 0, vote };
    if (vote.helpful) a.helpful++;
    else a.notHelpful++;
    subjects.set(key, a);
  }
  const wrong = new Map<string, DigestGap>();
  let wrongUnlisted = 0;
  for (const { helpful: up, notHelpful: down, vote } of subjects.values()) {
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
