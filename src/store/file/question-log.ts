import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import type { Logger } from "../../log/logger.ts";
import { defaultCooperativeOptions } from "../../steps.ts";
import { type AskerHasher, createAskerHasher, generateSalt } from "../../questions/asker-hash.ts";
import { type FileWriter, type LogFiles, nodeLogFiles } from "./log-files.ts";
import { createQuestionSummary, type SummaryOptions } from "../../questions/question-summary.ts";
import { createTopicModel, type TopicModel } from "../../questions/topics.ts";
import type { DigestQuestions, LoggedTopic, QuestionLogEntry, QuestionOrigin } from "../../questions/types.ts";

/** What the Slack app hands over for each question. */
export interface QuestionRecord {
  text: string;
  answered: boolean;
  at: Date;
}

/** Where a question came from. */
export interface QuestionSource {
  origin: QuestionOrigin;
  /** The channel of a mention; not kept for a DM or a command. */
  channel?: string;
  /** The Slack user id: hashed with the salt on arrival, never kept. */
  user?: string;
}

export interface QuestionLog {
  /** Logs a question; never throws (a full disk must not stop an answer). */
  record(entry: QuestionRecord, source?: QuestionSource): void;
  /** Resolves once the file has been read, which happens in the background, a slice at a time. */
  readonly ready: Promise<void>;
  /**
   * What the team asked after `after`, as the digest for `channel` may show it: every question
   * counted, only that channel's mentions quoted, topics of other questions named only when
   * MIN_DISTINCT_ASKERS people asked about them. Reads memory, never the file.
   */
  summarise(query?: { after?: Date; channel?: string; allChannels?: boolean }): DigestQuestions;
  /**
   * Forgets questions older than the retention at once and returns how many went; the file is
   * rewritten without them in the background (`settled` waits for it).
   */
  prune(now: Date): number;
  /**
   * The asker hash `record` would keep for `userId` (the same salt), for other state kept per
   * person (their last question, their votes); undefined when no salt can be had.
   */
  hashAsker(userId: string): string | undefined;
  /** Writes what `record` has buffered; call before the process exits. */
  flush(): void;
  /** Resolves when reading and any rewrite of the file have finished. */
  settled(): Promise<void>;
  /**
   * Brings in the questions other processes logged since the last call, where they share the
   * log (PostgreSQL); a file log is this process's own and has none to bring.
   */
  sync(): Promise<void>;
}

export interface QuestionLogOptions {
  dataDir: string;
  retentionDays: number;
  logger: Logger;
  /** The time the retention is counted from when it opens. Default: now. */
  now?: Date;
  /** True for uses that must change nothing on disk, such as a dry run. Default false. */
  readOnly?: boolean;
  /** The current knowledge base's topics. Default: no aliases, no background. */
  topics?: () => TopicModel;
  /** The secret asker hashes are made with; default: generated once into `question-salt`. */
  salt?: string;
  files?: LogFiles;
  summary?: Partial<SummaryOptions>;
  /** Longest stretch of reading or rewriting before the event loop gets a turn. */
  budgetMs?: number;
}

export const QUESTION_LOG_FILE = "questions.jsonl";
export const QUESTION_SALT_FILE = "question-salt";

/** Long pastes are cut: the digest lists questions, not documents. */
export const MAX_QUESTION_LENGTH = 500;

/**
 * How long recorded questions wait before they are appended together: one write per burst
 * instead of one per question keeps disk work off the answer path under load. A crash loses at
 * most this much of the log, never an answer.
 */
export const QUESTION_LOG_FLUSH_MS = 200;

const DAY_MS = 86_400_000;
/** Damaged lines named one by one; the rest are counted. */
const DAMAGED_LINES_NAMED = 5;
/** Kept lines are written in batches of about this many characters. */
const WRITE_BATCH = 1 << 20;

const noTopics = createTopicModel([], []);

/**
 * The question log, `questions.jsonl` under `dataDir`, one entry a line (see QuestionLogEntry),
 * and its summary in memory. Opening returns at once: the file is read in the background, in
 * slices that leave the event loop free, and is never read again while the process runs. Entries
 * older than `retentionDays` are left out when it is read and on each `prune`, and the file is
 * rewritten without them in the background.
 *
 * When the file can't be read or written (a read-only DATA_DIR, `questions.jsonl` being a
 * folder, a full disk) it says so in one log line, keeps counting in memory, and the digest says
 * why its figures stop at the last start.
 */
export function openQuestionLog(options: QuestionLogOptions): QuestionLog {
  const { dataDir, retentionDays, logger, readOnly = false } = options;
  const files = options.files ?? nodeLogFiles;
  const topics = options.topics ?? (() => noTopics);
  const budgetMs = options.budgetMs ?? defaultCooperativeOptions.budgetMs;
  const path = join(dataDir, QUESTION_LOG_FILE);
  const saltPath = join(dataDir, QUESTION_SALT_FILE);
  const store = createQuestionSummary();
  const cutoff = (now: Date) => new Date(now.getTime() - retentionDays * DAY_MS);

  let problem: string | undefined;
  const reported = new Set<string>();
  const fault = (action: "read" | "save", error: unknown, file = QUESTION_LOG_FILE) => {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const reason = describeFault(code, (error as Error).message, file);
    problem = `Questions can't be ${action === "read" ? "read back" : "saved"} (${reason}), so these figures only cover questions asked since the bot last started.`;
    if (reported.has(code)) return;
    reported.add(code);
    logger.warn(
      `${path}: can't ${action === "read" ? "read" : "write"} the question log (${reason}); questions are counted in memory only, until the bot stops. ${FIXES[code] ?? ""}`.trim(),
    );
  };

  let hasher: AskerHasher | undefined =
    options.salt === undefined ? undefined : createAskerHasher(options.salt);
  /** The salt's hasher; with `create`, makes and stores a salt when there is none yet. */
  const askerHasher = (create: boolean): AskerHasher | undefined => {
    if (hasher !== undefined) return hasher;
    try {
      const salt = files.read(saltPath).trim();
      if (salt !== "") {
        hasher = createAskerHasher(salt);
        return hasher;
      }
    } catch {}
    if (!create) return undefined;
    const salt = generateSalt();
    try {
      if (readOnly) return undefined;
      files.mkdir(dataDir);
      files.createSecret(saltPath, `${salt}\n`);
    } catch (error) {
      // Another process made one first: use theirs, so both count the same person once.
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return askerHasher(false);
      // Not stored, so good for this process only; so is everything it logs (same folder).
      fault("save", error, QUESTION_SALT_FILE);
    }
    hasher = createAskerHasher(salt);
    return hasher;
  };

  let pending = "";
  let timer: NodeJS.Timeout | undefined;
  let folderMade = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending === "") return;
    const lines = pending;
    pending = "";
    try {
      if (!folderMade) files.mkdir(dataDir);
      folderMade = true;
      files.append(path, lines);
    } catch (error) {
      fault("save", error);
    }
  };

  /** Entries recorded while the file is being read: added after it, to keep time order. */
  let early: QuestionLogEntry[] | undefined = [];
  let loaded = 0;
  let rewriteWanted = false;

  const load = async (end: number | undefined): Promise<void> => {
    const oldest = cutoff(options.now ?? new Date()).getTime();
    if (!readOnly) removeLeftovers(files, dataDir);
    const damaged: number[] = [];
    let lineNo = 0;
    try {
      const chunks = end === 0 ? [] : files.chunks(path, end === undefined ? {} : { end });
      await forEachLine(chunks, budgetMs, (line) => {
        lineNo++;
        if (line.trim() === "") return;
        const parsed = parseEntry(line, topics());
        if (parsed === undefined) {
          damaged.push(lineNo);
          return;
        }
        if (parsed.legacy) rewriteWanted = true;
        if (Date.parse(parsed.entry.at) < oldest) {
          rewriteWanted = true;
          return;
        }
        store.add(parsed.entry);
        loaded++;
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") fault("read", error);
    }
    for (const n of damaged.slice(0, DAMAGED_LINES_NAMED)) {
      logger.warn(`${path}:${n}: not a question log entry, skipped`);
    }
    if (damaged.length > DAMAGED_LINES_NAMED) {
      logger.warn(`${path}: ${damaged.length - DAMAGED_LINES_NAMED} more damaged lines skipped`);
    }
    for (const entry of early ?? []) store.add(entry);
    early = undefined;
  };

  /**
   * Rewrites the file without entries before `before`, lines written before origins were kept
   * in today's form (their private text dropped), and damaged lines left out. Whatever is
   * appended meanwhile is copied over just before the new file replaces the old.
   */
  const rewrite = async (before: Date): Promise<void> => {
    const oldest = before.getTime();
    const temp = join(dataDir, `.${QUESTION_LOG_FILE}.${randomUUID()}.tmp`);
    let writer: FileWriter | undefined;
    rewriteWanted = false;
    try {
      const end = files.size(path);
      writer = await files.create(temp);
      let batch = "";
      await forEachLine(files.chunks(path, { end }), budgetMs, (line) => {
        const kept = keptLine(line, oldest, topics());
        if (kept !== undefined) batch += `${kept}\n`;
        if (batch.length >= WRITE_BATCH) {
          const out = batch;
          batch = "";
          return (writer as FileWriter).write(out);
        }
      });
      await writer.write(batch);
      await writer.close();
      writer = undefined;
      // Nothing awaits from here to the rename: no append can fall between copy and rename.
      files.appendSync(temp, files.tail(path, end));
      files.rename(temp, path);
    } catch (error) {
      await writer?.close().catch(() => {});
      try {
        files.remove(temp);
      } catch {}
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        rewriteWanted = true;
        fault("save", error);
      }
    }
  };

  // What is in the file now is read; what is appended from here on is in memory already.
  const size = sizeNow(files, path);
  // Nothing to read: ready at once, so what is recorded now counts now.
  if (size === 0) early = undefined;
  const ready = load(size);
  let work: Promise<unknown> = ready;
  const rewriteInBackground = (before: Date) => {
    work = work.then(() => (!readOnly && rewriteWanted ? rewrite(before) : undefined));
  };
  rewriteInBackground(cutoff(options.now ?? new Date()));

  return {
    ready,
    record(entry, source) {
      try {
        const line = toLogEntry(entry, source, topics(), askerHasher);
        if (early === undefined) store.add(line);
        else early.push(line);
        if (readOnly) return;
        pending += `${JSON.stringify(line)}\n`;
        // unref: a pending flush must not keep a finished process alive (exit flushes).
        timer ??= setTimeout(flush, QUESTION_LOG_FLUSH_MS).unref();
      } catch (error) {
        logger.warn(`could not log a question: ${(error as Error).message}`);
      }
    },
    summarise(query = {}) {
      const model = topics();
      const saltId = askerHasher(false)?.saltId;
      const summary = store.summarise({
        ...options.summary,
        ...query,
        background: model.background,
        ...(saltId === undefined ? {} : { saltId }),
      });
      const note =
        early !== undefined
          ? `Still reading the question log (${loaded} questions so far): these figures are incomplete.`
          : problem;
      return note === undefined ? summary : { ...summary, problem: note };
    },
    prune(now) {
      const before = cutoff(now);
      const dropped = store.dropBefore(before);
      if (dropped > 0) rewriteWanted = true;
      rewriteInBackground(before);
      return dropped;
    },
    hashAsker: (userId) => askerHasher(true)?.hash(userId),
    flush,
    async settled() {
      await ready;
      await work;
    },
    sync: () => ready,
  };
}

const FIXES: Record<string, string> = {
  EISDIR: "Move that folder out of DATA_DIR to keep questions across restarts.",
  EROFS: "Make DATA_DIR writable to keep questions across restarts.",
  EACCES: "Give the bot's user write access to DATA_DIR to keep questions across restarts.",
  EPERM: "Give the bot's user write access to DATA_DIR to keep questions across restarts.",
  ENOSPC: "Free some disk space.",
};

/** Says what went wrong without paths: this goes into a channel. */
function describeFault(code: string, message: string, file: string): string {
  switch (code) {
    case "EISDIR":
      return `${file} in DATA_DIR is a folder`;
    case "EROFS":
      return "DATA_DIR is read-only";
    case "EACCES":
    case "EPERM":
      return "no permission to write in DATA_DIR";
    case "ENOSPC":
      return "the disk is full";
    default:
      return code === "error" ? message : code;
  }
}

/** The file's size, 0 when there is none, undefined when that can't be told (read to see why). */
function sizeNow(files: LogFiles, path: string): number | undefined {
  try {
    return files.size(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? 0 : undefined;
  }
}

/** Temporary files of a rewrite that a stopped process left behind. */
function removeLeftovers(files: LogFiles, dataDir: string): void {
  try {
    for (const name of files.list(dataDir)) {
      if (name.startsWith(`.${QUESTION_LOG_FILE}.`) && name.endsWith(".tmp")) {
        files.remove(join(dataDir, name));
      }
    }
  } catch {}
}

/** Calls `take` on each line of the chunks, giving the event loop a turn every `budgetMs`. */
async function forEachLine(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  budgetMs: number,
  take: (line: string) => unknown,
): Promise<void> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let since = performance.now();
  for await (const chunk of chunks) {
    const lines = (rest + decoder.write(chunk)).split("\n");
    rest = lines.pop() ?? "";
    for (let i = 0; i < lines.length; i++) {
      const wait = take(lines[i] as string);
      if (wait instanceof Promise) await wait;
      if ((i & 255) === 255 && performance.now() - since >= budgetMs) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
  }
  rest += decoder.end();
  if (rest !== "") await take(rest);
}

/**
 * A question as the log keeps it: the asker only as a salted hash, the words only of a mention
 * (a private question's words live on only as its topics), cut at MAX_QUESTION_LENGTH.
 */
export function toLogEntry(
  entry: QuestionRecord,
  source: QuestionSource | undefined,
  model: TopicModel,
  askerHasher: (create: boolean) => AskerHasher | undefined,
): QuestionLogEntry {
  const text = entry.text.trim().slice(0, MAX_QUESTION_LENGTH);
  const mention = source?.origin === "mention";
  const asker = source?.user === undefined ? undefined : askerHasher(true)?.hash(source.user);
  return {
    at: entry.at.toISOString(),
    answered: entry.answered,
    ...(source === undefined ? {} : { origin: source.origin }),
    ...(mention && source.channel !== undefined ? { channel: source.channel } : {}),
    ...(asker === undefined ? {} : { asker }),
    topics: loggedTopics(model, text),
    ...(mention ? { text } : {}),
  };
}

export function loggedTopics(model: TopicModel, text: string): LoggedTopic[] {
  return model.topicsOf(text).map((t) => [t.key, t.label]);
}

const ORIGINS: ReadonlySet<unknown> = new Set(["dm", "command", "mention"]);

/**
 * A line as an entry; `legacy` when it was written before origins were kept (`{ text, at,
 * answered }`): such a question counts as private and its topics are worked out now.
 */
function parseEntry(
  line: string,
  model: TopicModel,
): { entry: QuestionLogEntry; legacy: boolean } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { at, answered, origin, channel, asker, topics, text } = value as Record<string, unknown>;
  if (typeof at !== "string" || typeof answered !== "boolean" || Number.isNaN(Date.parse(at))) {
    return undefined;
  }
  if (origin !== undefined && !ORIGINS.has(origin)) return undefined;
  if (channel !== undefined && typeof channel !== "string") return undefined;
  if (asker !== undefined && typeof asker !== "string") return undefined;
  if (text !== undefined && typeof text !== "string") return undefined;
  if (topics !== undefined && !isTopicList(topics)) return undefined;
  if (topics === undefined && text === undefined) return undefined;
  const legacy = topics === undefined;
  const mention = origin === "mention";
  return {
    legacy,
    entry: {
      at,
      answered,
      ...(origin === undefined ? {} : { origin: origin as QuestionOrigin }),
      ...(mention && channel !== undefined ? { channel } : {}),
      ...(asker === undefined ? {} : { asker }),
      topics: legacy ? loggedTopics(model, text as string) : (topics as LoggedTopic[]),
      ...(mention && text !== undefined ? { text } : {}),
    },
  };
}

function isTopicList(value: unknown): value is LoggedTopic[] {
  return (
    Array.isArray(value) &&
    value.every(
      (t) =>
        Array.isArray(t) && t.length === 2 && typeof t[0] === "string" && typeof t[1] === "string",
    )
  );
}

const CURRENT_LINE = /^\{"at":"([^"]+)"/;

/** The line to keep for `line` in a rewrite, or undefined to drop it. */
function keptLine(line: string, oldest: number, model: TopicModel): string | undefined {
  if (line.trim() === "") return undefined;
  // Lines this version wrote start with their time: most are kept without parsing them.
  const at = CURRENT_LINE.exec(line)?.[1];
  if (at !== undefined && line.endsWith("}") && line.includes('"topics":')) {
    return Date.parse(at) >= oldest ? line : undefined;
  }
  const parsed = parseEntry(line, model);
  if (parsed === undefined || Date.parse(parsed.entry.at) < oldest) return undefined;
  return JSON.stringify(parsed.entry);
}
