import { randomUUID } from "node:crypto";
import { createAskerHasher } from "../../questions/asker-hash.ts";
import {
  createQuestionMemory,
  QUESTION_LOG_FLUSH_MS,
  type QuestionLog,
  type QuestionLogOptions,
} from "../../questions/question-log.ts";
import type { LoggedTopic, QuestionLogEntry, QuestionOrigin } from "../../questions/types.ts";
import type { Pool } from "./pool.ts";

export interface PostgresQuestionLogTuning {
  /** Rows read per query when the log is loaded. */
  pageRows: number;
  /** How often other replicas' questions are brought in besides before each digest. */
  syncEveryMs: number;
  /** Questions kept for a retry while the database is unreachable; older ones are dropped. */
  maxPending: number;
  /** Wait before retrying a failed write. */
  retryMs: number;
}

export const DEFAULT_POSTGRES_QUESTION_LOG_TUNING: Readonly<PostgresQuestionLogTuning> = {
  pageRows: 10_000,
  syncEveryMs: 30_000,
  maxPending: 10_000,
  retryMs: 5_000,
};

export type PostgresQuestionLogOptions = QuestionLogOptions & {
  /** The salt every replica hashes askers with (see `sharedSalt`). */
  salt: string;
  tuning?: Partial<PostgresQuestionLogTuning>;
};

interface Row {
  uid: string;
  xact: string;
  at: Date;
  answered: boolean;
  origin: QuestionOrigin | null;
  channel: string | null;
  asker: string | null;
  topics: LoggedTopic[];
  text: string | null;
}

/** A question waiting to be written, with the uid that tells its row apart. */
interface Pending {
  uid: string;
  entry: QuestionLogEntry;
}

/**
 * Whether PostgreSQL refused the row itself (SQLSTATE class 22, data exception, or 23,
 * integrity constraint violation), which no retry mends, rather than being unreachable.
 */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^2[23][0-9A-Z]{3}$/.test(code);
}

const COLUMNS = "uid, xact::text AS xact, at, answered, origin, channel, asker, topics, text";

/**
 * The question log in PostgreSQL: each question a row (a salted asker hash, never a Slack user
 * id; the words of mentions only), and in each replica the same compact summary in memory as
 * the file log keeps, so a digest or a preview is built without a scan of the table. The rows
 * are loaded once at start, in pages, and then incrementally: before each digest (`sync`) and
 * every half minute, a replica reads the rows written by transactions it has not seen yet.
 * "Not seen yet" is told by the writing transaction's id against the xmin of an earlier
 * snapshot, which finds a row however late its transaction commits; rows read again are
 * recognised by their uid. Questions are written in batches, like the file log's appends.
 */
export function openPostgresQuestionLog(
  pool: Pool,
  options: PostgresQuestionLogOptions,
): QuestionLog & { close(): Promise<void> } {
  const { logger, readOnly = false } = options;
  const tuning = { ...DEFAULT_POSTGRES_QUESTION_LOG_TUNING, ...options.tuning };
  const hasher = createAskerHasher(options.salt);
  const memory = createQuestionMemory(options);
  const { cutoff } = memory;

  /** Rows that a later read may return again, by uid: xact once read, undefined until then. */
  const known = new Map<string, bigint | undefined>();
  /** Every transaction with an id below this had ended before the last read began. */
  let floor = 0n;
  let failing = false;
  let closed = false;

  const fault = (action: "read" | "save", error: unknown) => {
    memory.setProblem(
      `Questions can't be ${action === "read" ? "read back" : "saved"} (the database: ${(error as Error).message}), so these figures may miss some questions.`,
    );
    if (!failing) {
      logger.warn(
        `can't ${action} the question log in PostgreSQL (${(error as Error).message}); questions are counted in memory until it answers`,
      );
    }
    failing = true;
  };
  const recovered = () => {
    if (failing) logger.info("the question log is kept in PostgreSQL again");
    failing = false;
    memory.setProblem(undefined);
  };

  const take = (row: Row) => {
    const xact = BigInt(row.xact);
    // Older transactions had ended before the last read: their rows can't come back.
    if (xact >= floor) {
      const seen = known.has(row.uid);
      known.set(row.uid, xact);
      if (seen) return;
    }
    const entry: QuestionLogEntry = {
      at: row.at.toISOString(),
      answered: row.answered,
      ...(row.origin === null ? {} : { origin: row.origin }),
      ...(row.channel === null ? {} : { channel: row.channel }),
      ...(row.asker === null ? {} : { asker: row.asker }),
      topics: row.topics,
      ...(row.text === null ? {} : { text: row.text }),
    };
    memory.addStored(entry);
  };

  const snapshotXmin = async (): Promise<bigint> => {
    const result = await pool.query<{ xmin: string }>(
      "SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin",
    );
    return BigInt(result.rows[0]?.xmin ?? "0");
  };

  const load = async () => {
    try {
      floor = await snapshotXmin();
      const oldest = cutoff(options.now ?? new Date());
      let after = "0";
      for (;;) {
        const page = await pool.query<Row & { seq: string }>(
          `SELECT seq::text AS seq, ${COLUMNS} FROM question_log
           WHERE seq > $1 AND at >= $2 ORDER BY seq LIMIT $3`,
          [after, oldest, tuning.pageRows],
        );
        for (const row of page.rows) take(row);
        const last = page.rows.at(-1);
        if (last === undefined || page.rows.length < tuning.pageRows) break;
        after = last.seq;
      }
    } catch (error) {
      fault("read", error);
    }
    memory.finishReading();
  };

  let reading: Promise<void> = Promise.resolve();
  /** Reads the rows of transactions not seen yet; one read at a time. */
  const readNew = () => {
    reading = reading.then(async () => {
      try {
        const next = await snapshotXmin();
        const rows = await pool.query<Row>(
          // No retention filter: `prune` forgets old questions, here as in the file log.
          `SELECT ${COLUMNS} FROM question_log WHERE xact >= $1::xid8 ORDER BY seq`,
          [floor.toString()],
        );
        for (const row of rows.rows) take(row);
        floor = next;
        for (const [uid, xact] of known) if (xact !== undefined && xact < floor) known.delete(uid);
      } catch (error) {
        fault("read", error);
      }
    });
    return reading;
  };

  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const insert = async (batch: Pending[]) => {
    await pool.query(
      // A retry of a batch whose commit went unacknowledged finds its rows there already.
      `INSERT INTO question_log (uid, at, answered, origin, channel, asker, topics, text)
       SELECT u, a, an, o, c, k, t::jsonb, x
       FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[], $4::text[], $5::text[],
                   $6::text[], $7::text[], $8::text[]) AS r(u, a, an, o, c, k, t, x)
       ON CONFLICT (uid) DO NOTHING`,
      [
        batch.map((b) => b.uid),
        batch.map((b) => b.entry.at),
        batch.map((b) => b.entry.answered),
        batch.map((b) => b.entry.origin ?? null),
        batch.map((b) => b.entry.channel ?? null),
        batch.map((b) => b.entry.asker ?? null),
        batch.map((b) => JSON.stringify(b.entry.topics ?? [])),
        batch.map((b) => b.entry.text ?? null),
      ],
    );
  };
  const write = async (batch: Pending[]): Promise<void> => {
    try {
      await insert(batch);
      recovered();
    } catch (error) {
      if (isRowError(error)) {
        // One row the table refuses must not hold back the rest: each is tried alone, and
        // one still refused is dropped (it stays counted in this process's memory).
        if (batch.length > 1) {
          for (const one of batch) await write([one]);
          return;
        }
        for (const { uid } of batch) known.delete(uid);
        logger.warn(
          `a question could not be saved in PostgreSQL (${(error as Error).message}); it is dropped, the others are kept`,
        );
        return;
      }
      fault("save", error);
      // Kept for another try; past maxPending the oldest go (still counted in this process).
      const waiting = [...batch, ...pending];
      pending = waiting.slice(-tuning.maxPending);
      const over = waiting.length - pending.length;
      if (over > 0) {
        for (const { uid } of waiting.slice(0, over)) known.delete(uid);
        logger.warn(
          `${over} question(s) asked while PostgreSQL was unreachable are dropped from its log: at most ${tuning.maxPending} wait for it`,
        );
      }
      if (!closed) timer ??= setTimeout(flush, tuning.retryMs).unref();
    }
  };
  function flush() {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    writing = writing.then(() => write(batch));
  }

  const ready = load();
  const syncTimer = setInterval(() => {
    void ready.then(readNew);
  }, tuning.syncEveryMs).unref();
  let deleting: Promise<void> = Promise.resolve();
  const deleteBefore = (before: Date) => {
    if (readOnly) return;
    deleting = deleting.then(() =>
      pool
        .query("DELETE FROM question_log WHERE at < $1", [before])
        .then(() => {})
        .catch((error) => fault("save", error)),
    );
  };
  deleteBefore(cutoff(options.now ?? new Date()));

  return {
    ready,
    hashAsker: (userId) => hasher.hash(userId),
    record(entry, source) {
      memory.record(
        entry,
        source,
        () => hasher,
        (line) => {
          if (readOnly) return;
          const uid = randomUUID();
          known.set(uid, undefined);
          pending.push({ uid, entry: line });
          timer ??= setTimeout(flush, QUESTION_LOG_FLUSH_MS).unref();
        },
      );
    },
    summarise: (query = {}) => memory.summarise(query, hasher.saltId),
    prune(now) {
      const { before, dropped } = memory.prune(now);
      deleteBefore(before);
      return dropped;
    },
    flush,
    async settled() {
      await ready;
      await Promise.all([writing, deleting, reading]);
    },
    async sync() {
      await ready;
      // What this process wrote is in the table before it reads: a digest counts it either way.
      flush();
      await writing;
      await readNew();
    },
    async close() {
      closed = true;
      clearInterval(syncTimer);
      flush();
      await ready;
      await Promise.all([writing, deleting, reading]);
    },
  };
}

/**
 * The salt askers are hashed with, the same for every replica: the first to start stores one
 * it generated, the others read it. (QUESTION_HASH_SALT, when set, is used instead and never
 * stored: then a copy of the database alone can't tie a question to a person.)
 */
export async function sharedSalt(pool: Pool, generate: () => string): Promise<string> {
  await pool.query(
    "INSERT INTO settings (key, value) VALUES ('question-salt', $1) ON CONFLICT (key) DO NOTHING",
    [generate()],
  );
  const result = await pool.query<{ value: string }>(
    "SELECT value FROM settings WHERE key = 'question-salt'",
  );
  const salt = result.rows[0]?.value;
  if (salt === undefined) throw new Error("the question salt was not stored");
  return salt;
}
