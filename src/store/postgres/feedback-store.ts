import { keptOf } from "../../feedback/kept-vote.ts";
import type { FeedbackStore, FeedbackTally, FeedbackVote } from "../../feedback/types.ts";
import type { Pool } from "./pool.ts";

interface Row {
  answer: string;
  voter: string;
  helpful: boolean;
  at: Date;
  origin: FeedbackVote["origin"];
  channel: string | null;
  question: string | null;
  answered: boolean;
}

/**
 * Votes in PostgreSQL, one row per answer and voter (a salted hash, never a Slack user id), so
 * a person voting again on any replica replaces their vote instead of adding one. A failed
 * query throws: the voter is told and can click again.
 */
export function createPostgresFeedbackStore(pool: Pool): FeedbackStore {
  return {
    async vote(cast) {
      const vote = keptOf(cast);
      await pool.query(
        `INSERT INTO feedback_votes (answer, voter, helpful, at, origin, channel, question, answered)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (answer, voter) DO UPDATE SET helpful = EXCLUDED.helpful, at = EXCLUDED.at,
           origin = EXCLUDED.origin, channel = EXCLUDED.channel, question = EXCLUDED.question,
           answered = EXCLUDED.answered`,
        [
          vote.answer,
          vote.voter,
          vote.helpful,
          vote.at,
          vote.origin,
          vote.channel ?? null,
          vote.question ?? null,
          vote.answered,
        ],
      );
      const tally = await pool.query<FeedbackTally>(
        `SELECT count(*) FILTER (WHERE helpful)::int AS "helpful",
                count(*) FILTER (WHERE NOT helpful)::int AS "notHelpful"
         FROM feedback_votes WHERE answer = $1`,
        [vote.answer],
      );
      return tally.rows[0] ?? { helpful: 0, notHelpful: 0 };
    },
    async prune(before) {
      const result = await pool.query("DELETE FROM feedback_votes WHERE at < $1", [before]);
      return result.rowCount ?? 0;
    },
    async votes(query = {}) {
      const result = await pool.query<Row>(
        `SELECT answer, voter, helpful, at, origin, channel, question, answered
         FROM feedback_votes WHERE $1::timestamptz IS NULL OR at > $1
         ORDER BY at, answer, voter`,
        [query.after ?? null],
      );
      return result.rows.map((row) => ({
        answer: row.answer,
        voter: row.voter,
        helpful: row.helpful,
        at: row.at.toISOString(),
        origin: row.origin,
        answered: row.answered,
        ...(row.channel === null ? {} : { channel: row.channel }),
        ...(row.question === null ? {} : { question: row.question }),
      }));
    },
  };
}
