import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { keptOf } from "../../feedback/kept-vote.ts";
import type { FeedbackStore, FeedbackVote } from "../../feedback/types.ts";
import type { Logger } from "../../log/logger.ts";
import { QUESTION_ORIGINS } from "../../questions/types.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";
import { parseJsonObject } from "../../util/json-line.ts";
import { createVoteTable } from "../memory/feedback-store.ts";

export const FEEDBACK_FILE = "feedback.jsonl";

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
    async prune(before) {
      load();
      const dropped = table.prune(before);
      if (dropped === 0) return 0;
      try {
        // The file holds every vote ever cast (a later line replaces an earlier one): rewritten
        // with the kept ones only.
        const kept = table.list().map((vote) => `${JSON.stringify(vote)}\n`);
        writeFileAtomic(path, kept.join(""));
      } catch (error) {
        warn("save", error);
      }
      return dropped;
    },
  };
}

/** A line of the file as a vote, or undefined when it is not one. */
export function parseVote(line: string): FeedbackVote | undefined {
  const v = parseJsonObject(line);
  if (v === undefined) return undefined;
  const strings = ["answer", "voter", "at"].every((k) => typeof v[k] === "string");
  if (!strings || typeof v.helpful !== "boolean" || typeof v.answered !== "boolean") {
    return undefined;
  }
  if (!QUESTION_ORIGINS.has(v.origin) || Number.isNaN(Date.parse(v.at as string))) return undefined;
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
