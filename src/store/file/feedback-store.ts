import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../../log/logger.ts";
import type { FeedbackStore, FeedbackTally, FeedbackVote } from "../../feedback/types.ts";

export const FEEDBACK_FILE = "feedback.jsonl";

/** The votes in memory, one per answer and voter; the later replaces the earlier. */
function createVoteTable() {
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

/**
 * The default store: `feedback.jsonl` in DATA_DIR, one vote a line, readable by the bot's user
 * only, read back once on first use (votes are few: one per click). When it can't be written it
 * says so once and keeps counting in memory.
 */
export function openFeedbackFile(options: { dataDir: string; logger: Logger }): FeedbackStore {
  const path = join(options.dataDir, FEEDBACK_FILE);
  const table = createVoteTable();
  let loaded = false;
  let warned = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    let text = "";
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") warn("read", error);
      return;
    }
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      const vote = parseVote(line);
      if (vote) table.put(vote);
      else options.logger.warn(`${path}:${i + 1}: not a feedback vote, skipped`);
    });
  };
  const warn = (action: string, error: unknown) => {
    if (warned) return;
    warned = true;
    options.logger.warn(
      `${path}: can't ${action} feedback (${(error as Error).message}); votes are counted in memory only until the bot stops`,
    );
  };
  return {
    async vote(cast) {
      const vote = keptOf(cast);
      load();
      table.put(vote);
      try {
        mkdirSync(options.dataDir, { recursive: true });
        appendFileSync(path, `${JSON.stringify(vote)}\n`, { mode: 0o600 });
      } catch (error) {
        warn("save", error);
      }
      return table.tally(vote.answer);
    },
    async votes(query = {}) {
      load();
      return table.list(query.after);
    },
  };
}

/**
 * What a store keeps of a vote: a private answer's question and channel are dropped, whoever
 * passed them (the privacy rule, the same in every store).
 */
export function keptOf(vote: FeedbackVote): FeedbackVote {
  if (vote.origin === "mention") return vote;
  const { channel: _channel, question: _question, ...kept } = vote;
  return kept;
}

const ORIGINS: ReadonlySet<unknown> = new Set(["dm", "command", "mention"]);

/** A line of the file as a vote, or undefined when it is not one. */
export function parseVote(line: string): FeedbackVote | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const strings = ["answer", "voter", "at"].every((k) => typeof v[k] === "string");
  if (!strings || typeof v.helpful !== "boolean" || typeof v.answered !== "boolean") {
    return undefined;
  }
  if (!ORIGINS.has(v.origin) || Number.isNaN(Date.parse(v.at as string))) return undefined;
  const mention = v.origin === "mention";
  return {
    answer: v.answer as string,
    voter: v.voter as string,
    helpful: v.helpful,
    at: v.at as string,
    origin: v.origin as FeedbackVote["origin"],
    answered: v.answered,
    ...(mention && typeof v.channel === "string" ? { channel: v.channel } : {}),
    ...(mention && typeof v.question === "string" ? { question: v.question } : {}),
  };
}
