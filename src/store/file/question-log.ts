import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { type AskerHasher, createAskerHasher, generateSalt } from "../../questions/asker-hash.ts";
import {
  createQuestionMemory,
  QUESTION_LOG_FLUSH_MS,
  type QuestionLog,
  type QuestionLogOptions,
} from "../../questions/question-log.ts";
import { syncDir, tempPathFor } from "../../util/atomic-write.ts";
import { DEFAULT_COOPERATIVE_OPTIONS } from "../../util/cooperative.ts";
import { type FileWriter, type LogFiles, nodeLogFiles } from "./log-files.ts";
import { describeFault, FILE_FIXES, keptLine, parseEntry } from "./question-log-format.ts";

export interface FileQuestionLogOptions extends QuestionLogOptions {
  dataDir: string;
  /** The salt's default: generated once into `question-salt`. */
  salt?: string;
  files?: LogFiles;
}

export const QUESTION_LOG_FILE = "questions.jsonl";
export const QUESTION_SALT_FILE = "question-salt";

/** Damaged lines named one by one; the rest are counted. */
const DAMAGED_LINES_NAMED = 5;
/** Kept lines are written in batches of about this many characters. */
const WRITE_BATCH = 1 << 20;

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
export function openQuestionLog(options: FileQuestionLogOptions): QuestionLog {
  const { dataDir, logger, readOnly = false } = options;
  const files = options.files ?? nodeLogFiles;
  const budgetMs = options.budgetMs ?? DEFAULT_COOPERATIVE_OPTIONS.budgetMs;
  const path = join(dataDir, QUESTION_LOG_FILE);
  const saltPath = join(dataDir, QUESTION_SALT_FILE);
  const memory = createQuestionMemory(options);
  const { topics, cutoff } = memory;

  const reported = new Set<string>();
  const fault = (action: "read" | "save", error: unknown, file = QUESTION_LOG_FILE) => {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const reason = describeFault(code, (error as Error).message, file);
    memory.setProblem(
      `Questions can't be ${action === "read" ? "read back" : "saved"} (${reason}), so these figures only cover questions asked since the bot last started.`,
    );
    if (reported.has(code)) return;
    reported.add(code);
    logger.warn(
      `${path}: can't ${action === "read" ? "read" : "write"} the question log (${reason}); questions are counted in memory only, until the bot stops. ${FILE_FIXES[code] ?? ""}`.trim(),
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
        memory.addStored(parsed.entry);
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
    memory.finishReading();
  };

  /**
   * Rewrites the file without entries before `before`, lines written before origins were kept
   * in today's form (their private text dropped), and damaged lines left out. Whatever is
   * appended meanwhile is copied over just before the new file replaces the old.
   */
  const rewrite = async (before: Date): Promise<void> => {
    const oldest = before.getTime();
    const temp = tempPathFor(path);
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
      syncDir(dataDir);
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
  if (size === 0) memory.finishReading();
  const ready = load(size);
  let work: Promise<unknown> = ready;
  const rewriteInBackground = (before: Date) => {
    work = work.then(() => (!readOnly && rewriteWanted ? rewrite(before) : undefined));
  };
  rewriteInBackground(cutoff(options.now ?? new Date()));

  return {
    ready,
    record(entry, source) {
      memory.record(entry, source, askerHasher, (line) => {
        if (readOnly) return;
        pending += `${JSON.stringify(line)}\n`;
        // unref: a pending flush must not keep a finished process alive (exit flushes).
        timer ??= setTimeout(flush, QUESTION_LOG_FLUSH_MS).unref();
      });
    },
    summarise: (query = {}) => memory.summarise(query, askerHasher(false)?.saltId),
    prune(now) {
      const { before, dropped } = memory.prune(now);
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
