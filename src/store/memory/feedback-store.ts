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
  };
}
