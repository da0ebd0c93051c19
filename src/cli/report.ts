import type { Writable } from "node:stream";
import type { Config } from "../config.ts";
import { summariseFeedback } from "../feedback/summarise.ts";
import type { FeedbackStore, FeedbackVote } from "../feedback/types.ts";
import type { KnowledgeService } from "../live-index/types.ts";
import type { Logger } from "../log/logger.ts";
import { topicModelOf } from "../questions/topics.ts";
import type { DigestGap, DigestQuestions } from "../questions/types.ts";
import { createStores } from "../store/create-stores.ts";
import { DAY_MS } from "../util/time.ts";

export const REPORT_USAGE = `usage:
  npm run report -- [--json] [--days N]   questions asked, answered, abstained, feedback, gaps`;

/** What `npm run report` prints, and `--json` prints as is. */
export interface TeamReport {
  /** Questions and votes after this instant; all that are kept when absent. */
  since?: string;
  questions: { asked: number; answered: number; abstained: number };
  feedback: { helpful: number; notHelpful: number };
  /** Unanswered questions asked by mention, most asked first. */
  unanswered: DigestGap[];
  /** Unanswered questions asked privately (DM, slash command): counted, never quoted. */
  unansweredPrivately: number;
  /** Questions asked by mention whose answers were marked not helpful, most votes first. */
  foundWrong: DigestGap[];
  /** Answers marked not helpful that were shown privately: counted, never quoted. */
  foundWrongPrivately: number;
  /** Why the figures are incomplete, when they are. */
  problem?: string;
}

export interface ReportIo {
  output: Writable;
  now?: () => Date;
  /** For tests: votes from elsewhere than DATA_DIR. */
  feedback?: FeedbackStore;
}

function parseFlags(args: readonly string[]): { json: boolean; days?: number } | string {
  const flags: { json: boolean; days?: number } = { json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") flags.json = true;
    else if (arg === "--days") {
      const days = Number(args[++i]);
      if (!Number.isInteger(days) || days < 1) return "--days needs a whole number of days";
      flags.days = days;
    } else return `unknown option ${arg}`;
  }
  return flags;
}

/**
 * `npm run report`: what the team asked and what it thought of the answers, from DATA_DIR's
 * question log and votes, read only. Its reader runs the bot and can read its state anyway, so it
 * quotes every question the log keeps words of (mentions); private ones stay counts.
 */
export async function runReport(
  args: readonly string[],
  started: { config: Config; logger: Logger; knowledge: Pick<KnowledgeService, "knowledge"> },
  io: ReportIo,
): Promise<number> {
  const write = (text: string) => io.output.write(`${text}\n`);
  const flags = parseFlags(args);
  if (typeof flags === "string") {
    write(`${flags}\n${REPORT_USAGE}`);
    return 2;
  }
  const { config, logger, knowledge } = started;
  const now = (io.now ?? (() => new Date()))();
  const after =
    flags.days === undefined ? undefined : new Date(now.getTime() - flags.days * DAY_MS);
  // The bot's stores: with DATABASE_URL, every replica's questions and votes.
  const stores = await createStores(config, { logger });
  try {
    const log = stores.openQuestionLog({
      retentionDays: config.questionLogRetentionDays,
      logger,
      now,
      readOnly: true,
      topics: () => topicModelOf(knowledge.knowledge()),
      ...(config.questionHashSalt === undefined ? {} : { salt: config.questionHashSalt }),
    });
    await log.ready;
    const range = after === undefined ? {} : { after };
    const q = log.summarise({ ...range, allChannels: true });
    const feedback = io.feedback ?? stores.feedback;
    write(formatFor(flags.json, q, await feedback.votes(range), after));
    return 0;
  } finally {
    await stores.close();
  }
}

function formatFor(
  json: boolean,
  q: DigestQuestions,
  votesGiven: FeedbackVote[],
  after: Date | undefined,
): string {
  const votes = summariseFeedback(votesGiven, { channel: "*" });
  const report: TeamReport = {
    ...(after === undefined ? {} : { since: after.toISOString() }),
    questions: { asked: q.total, answered: q.answered, abstained: q.total - q.answered },
    feedback: { helpful: votes.helpful, notHelpful: votes.notHelpful },
    unanswered: q.unanswered,
    unansweredPrivately: q.unlisted ?? 0,
    foundWrong: votes.wrong,
    foundWrongPrivately: votes.wrongUnlisted,
    ...(q.problem === undefined ? {} : { problem: q.problem }),
  };
  return json ? JSON.stringify(report, null, 2) : formatReport(report);
}

function gapLines(gaps: readonly DigestGap[], privately: number): string[] {
  const lines = gaps.map((g) => `  - ${g.text}${g.count > 1 ? ` (×${g.count})` : ""}`);
  if (privately > 0) lines.push(`  - …and ${privately} asked privately (not quoted)`);
  return lines.length > 0 ? lines : ["  (none)"];
}

/** The report as plain text. */
export function formatReport(report: TeamReport): string {
  const { questions: q, feedback: f } = report;
  return [
    `iranpak report${report.since === undefined ? "" : ` since ${report.since}`}`,
    `Questions asked: ${q.asked}`,
    `Answered: ${q.answered}`,
    `Abstained (nothing to cite): ${q.abstained}`,
    `Feedback: ${f.helpful} helpful, ${f.notHelpful} not helpful`,
    "Gaps: questions with no answer",
    ...gapLines(report.unanswered, report.unansweredPrivately),
    "Gaps: answers the team found wrong (marked not helpful)",
    ...gapLines(report.foundWrong, report.foundWrongPrivately),
    ...(report.problem === undefined ? [] : [`Note: ${report.problem}`]),
  ].join("\n");
}
