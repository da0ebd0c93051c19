import type { QuestionOrigin } from "../questions/types.ts";

/**
 * One person's vote on one answer, as kept: never who voted (a salted hash), and the question's
 * words only when the answer was public in its channel (the privacy rule of the question log).
 */
export interface FeedbackVote {
  /** The answer's id, carried by its buttons. */
  answer: string;
  /** `<salt id>.<hash>` of the voter's Slack user id (see asker-hash.ts). */
  voter: string;
  helpful: boolean;
  /** ISO 8601 instant of the vote. */
  at: string;
  /** Where the answer was shown: a channel message (`mention`), a DM, or only to the asker. */
  origin: QuestionOrigin;
  /** The channel of a public answer: the one digest that may quote its question. */
  channel?: string;
  /** The question as answered: kept for public answers only. */
  question?: string;
  /** Whether the answer had anything to cite. */
  answered: boolean;
}

export interface FeedbackTally {
  helpful: number;
  notHelpful: number;
}

/**
 * Where votes are kept. Async so a database can stand in for the default file; `vote` replaces
 * the voter's earlier vote on the same answer, so each person counts once per answer.
 */
export interface FeedbackStore {
  /** Records a vote and returns its answer's tally, this vote included. */
  vote(vote: FeedbackVote): Promise<FeedbackTally>;
  /** The current votes (one per person per answer), cast after `after` when given. */
  votes(query?: { after?: Date }): Promise<FeedbackVote[]>;
  /** Forgets votes cast before `before` (the question log's retention); returns how many. */
  prune(before: Date): Promise<number>;
}
