import { keptOf } from "../../feedback/kept-vote.ts";
import type { FeedbackStore, FeedbackTally, FeedbackVote } from "../../feedback/types.ts";

/** The votes in memory, one per answer and voter; the later replaces the earlier. */
export function createVoteTable() {
  const votes = new Map<string, FeedbackVote>();
  return {
    put(vote: FeedbackVote) {
      const key = `${vote.answer}\n${vote.voter}`;
      votes.delete(key);
      votes.set(key, vote);
    },
    tally(answer: string): FeedbackTally {
      const tally = { helpful: 0, notHelpful: 0 };
      for (const v of votes.values()) {
        if (v.answer !== answer) continue;
        if (v.helpful) tally.helpful++;
        else tally.notHelpful++;
      }
      return tally;
    },
    /** Deletes the votes cast before `before`; returns how many went. */
    prune(before: Date): number {
      let dropped = 0;
      for (const [key, vote] of votes) {
        if (Date.parse(vote.at) >= before.getTime()) continue;
        votes.delete(key);
        dropped++;
      }
      return dropped;
    },
    list(after?: Date): FeedbackVote[] {
      const all = [...votes.values()];
      return after === undefined ? all : all.filter((v) => Date.parse(v.at) > after.getTime());
    },
  };
}

/** Votes in memory only: for tests and for a bot without DATA_DIR. */
export function createMemoryFeedbackStore(): FeedbackStore {
  const table = createVoteTable();
  return {
    async vote(cast) {
      const vote = keptOf(cast);
      table.put(vote);
      return table.tally(vote.answer);
    },
    votes: async (query = {}) => table.list(query.after),
    prune: async (before) => table.prune(before),
  };
}
