import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../logger.ts";
import { writeFileAtomic } from "./atomic-file.ts";
import type { QuestionLogEntry } from "./types.ts";

/** What the Slack app hands over for each question: deliberately nothing about who asked. */
export interface QuestionRecord {
  text: string;
  answered: boolean;
  at: Date;
}

export interface QuestionLog {
  /** Appends a question; never throws (a full disk must not stop an answer). */
  record(entry: QuestionRecord): void;
  /** Questions asked after `instant`, oldest first. */
  since(instant: Date | undefined): QuestionLogEntry[];
  /** Drops entries older than the retention; returns how many went. */
  prune(now: Date): number;
  /** Writes what `record` has buffered; call before the process exits. */
  flush(): void;
}

export const QUESTION_LOG_FILE = "questions.jsonl";

/** Long pastes are cut: the digest lists questions, not documents. */
export const MAX_QUESTION_LENGTH = 500;

const DAY_MS = 86_400_000;

/**
 * How long recorded questions wait before they are appended together: one write per burst
 * instead of one per question keeps disk work off the answer path under load. A crash loses at
 * most this much of the log, never an answer.
 */
export const QUESTION_LOG_FLUSH_MS = 200;

/**
 * The append-only question log, `questions.jsonl` under `dataDir`: one `{ text, at, answered }`
 * a line. Entries older than `retentionDays` are pruned when it opens and on each `prune`.
 */
export function openQuestionLog(options: {
  dataDir: string;
  retentionDays: number;
  logger: Logger;
  now?: Date;
  /** False for read-only uses such as a dry run. Default true. */
  pruneOnOpen?: boolean;
}): QuestionLog {
  const { dataDir, retentionDays, logger } = options;
  const path = join(dataDir, QUESTION_LOG_FILE);

  function readAll(): QuestionLogEntry[] {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const entries: QuestionLogEntry[] = [];
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      const entry = parseEntry(line);
      if (entry === undefined) logger.warn(`${path}:${i + 1}: not a question log entry, skipped`);
      else entries.push(entry);
    });
    return entries;
  }

  let pending = "";
  let timer: NodeJS.Timeout | undefined;
  let folderMade = false;

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    if (pending === "") return;
    const lines = pending;
    pending = "";
    try {
      if (!folderMade) mkdirSync(dataDir, { recursive: true });
      folderMade = true;
      appendFileSync(path, lines, { mode: 0o600 });
    } catch (error) {
      logger.warn(`${path}: could not record a question: ${(error as Error).message}`);
    }
  }

  const log: QuestionLog = {
    record(entry) {
      const line: QuestionLogEntry = {
        text: entry.text.trim().slice(0, MAX_QUESTION_LENGTH),
        at: entry.at.toISOString(),
        answered: entry.answered,
      };
      pending += `${JSON.stringify(line)}\n`;
      // unref: a pending flush must not keep a finished process alive (exit flushes).
      timer ??= setTimeout(flush, QUESTION_LOG_FLUSH_MS).unref();
    },
    since(instant) {
      flush();
      const after = instant?.toISOString() ?? "";
      return readAll().filter((e) => e.at > after);
    },
    flush,
    prune(now) {
      flush();
      const entries = readAll();
      const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
      const kept = entries.filter((e) => e.at >= cutoff);
      if (kept.length === entries.length) return 0;
      writeFileAtomic(path, kept.map((e) => `${JSON.stringify(e)}\n`).join(""));
      return entries.length - kept.length;
    },
  };
  if (options.pruneOnOpen !== false) log.prune(options.now ?? new Date());
  return log;
}

function parseEntry(line: string): QuestionLogEntry | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== "object" || value === null) return undefined;
    const { text, at, answered } = value as Record<string, unknown>;
    if (typeof text !== "string" || typeof at !== "string" || typeof answered !== "boolean") {
      return undefined;
    }
    if (Number.isNaN(Date.parse(at))) return undefined;
    return { text, at, answered };
  } catch {
    return undefined;
  }
}
