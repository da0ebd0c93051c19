import type { Logger } from "../log/logger.ts";
import { keptText } from "../util/storable-text.ts";
import { DAY_MS } from "../util/time.ts";
import type { AskerHasher } from "./asker-hash.ts";
import { createQuestionSummary, type SummaryOptions } from "./question-summary.ts";
import { createTopicModel, type TopicModel } from "./topics.ts";
import type { DigestQuestions, LoggedTopic, QuestionLogEntry, QuestionOrigin } from "./types.ts";

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

/** What a digest asks the log for (see `QuestionLog.summarise`). */
export interface LogQuery {
  after?: Date;
  channel?: string;
  allChannels?: boolean;
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
  summarise(query?: LogQuery): DigestQuestions;
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

/** How a question log is opened, wherever it keeps its questions. */
export interface QuestionLogOptions {
  retentionDays: number;
  logger: Logger;
  /** The time the retention is counted from when it opens. Default: now. */
  now?: Date;
  /** True for uses that must change nothing on disk, such as a dry run. Default false. */
  readOnly?: boolean;
  /** The current knowledge base's topics. Default: no aliases, no background. */
  topics?: () => TopicModel;
  /** The secret asker hashes are made with; default: one the store keeps. */
  salt?: string;
  summary?: Partial<SummaryOptions>;
  /** Longest stretch of reading or rewriting before the event loop gets a turn. */
  budgetMs?: number;
}

/** Long pastes are cut: the digest lists questions, not documents. */
export const MAX_QUESTION_LENGTH = 500;

/**
 * How long recorded questions wait before they are written together: one write per burst
 * instead of one per question keeps storage work off the answer path under load. A crash loses
 * at most this much of the log, never an answer.
 */
export const QUESTION_LOG_FLUSH_MS = 200;

const noTopics = createTopicModel([], []);

/**
 * The half of a question log that lives in memory, the same whatever keeps the questions: the
 * summary the digest reads, the questions recorded while the stored ones are still being read
 * (added after them, to keep time order), the retention's cutoff, and the note a digest shows
 * when its figures are incomplete. The file and PostgreSQL logs add only their persistence.
 */
export interface QuestionMemory {
  /** The current knowledge base's topics. */
  topics(): TopicModel;
  /** The oldest instant kept at `now`. */
  cutoff(now: Date): Date;
  /** Adds a question read back from storage. */
  addStored(entry: QuestionLogEntry): void;
  /** Reading is over: the questions recorded meanwhile join the summary. */
  finishReading(): void;
  /**
   * Turns a question into its log entry, counts it, and hands it to `keep` (the store's write);
   * never throws: a failure is logged.
   */
  record(
    entry: QuestionRecord,
    source: QuestionSource | undefined,
    askerHasher: (create: boolean) => AskerHasher | undefined,
    keep: (line: QuestionLogEntry) => void,
  ): void;
  /** The summary, with a note while reading or when the store has a `problem`. */
  summarise(query: LogQuery, saltId: string | undefined): DigestQuestions;
  /** Forgets questions before the cutoff at `now`; returns the cutoff and how many went. */
  prune(now: Date): { before: Date; dropped: number };
  /** Why questions are not being kept (undefined: they are), for the digest's note. */
  setProblem(problem: string | undefined): void;
}

export function createQuestionMemory(
  options: Pick<QuestionLogOptions, "retentionDays" | "logger" | "topics" | "summary">,
): QuestionMemory {
  const topics = options.topics ?? (() => noTopics);
  const summary = createQuestionSummary();
  let early: QuestionLogEntry[] | undefined = [];
  let loaded = 0;
  let problem: string | undefined;
  const cutoff = (now: Date) => new Date(now.getTime() - options.retentionDays * DAY_MS);
  return {
    topics,
    cutoff,
    addStored(entry) {
      summary.add(entry);
      loaded++;
    },
    finishReading() {
      for (const entry of early ?? []) summary.add(entry);
      early = undefined;
    },
    record(entry, source, askerHasher, keep) {
      try {
        const line = toLogEntry(entry, source, topics(), askerHasher);
        if (early === undefined) summary.add(line);
        else early.push(line);
        keep(line);
      } catch (error) {
        options.logger.warn(`could not log a question: ${(error as Error).message}`);
      }
    },
    summarise(query, saltId) {
      const result = summary.summarise({
        ...options.summary,
        ...query,
        background: topics().background,
        ...(saltId === undefined ? {} : { saltId }),
      });
      const note =
        early !== undefined
          ? `Still reading the question log (${loaded} questions so far): these figures are incomplete.`
          : problem;
      return note === undefined ? result : { ...result, problem: note };
    },
    prune(now) {
      const before = cutoff(now);
      return { before, dropped: summary.dropBefore(before) };
    },
    setProblem(next) {
      problem = next;
    },
  };
}

/**
 * A question as the log keeps it: the asker only as a salted hash, the words only of a mention
 * (a private question's words live on only as its topics), cut at MAX_QUESTION_LENGTH and
 * copied (`keptText`): what is held for the retention is those characters, not the message.
 */
export function toLogEntry(
  entry: QuestionRecord,
  source: QuestionSource | undefined,
  model: TopicModel,
  askerHasher: (create: boolean) => AskerHasher | undefined,
): QuestionLogEntry {
  const text = keptText(entry.text.trim(), MAX_QUESTION_LENGTH);
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
