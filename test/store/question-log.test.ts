import pg from "pg";
import { expect, it } from "vitest";
import { silentLogger } from "../../src/log/logger.ts";
import { generateSalt } from "../../src/questions/asker-hash.ts";
import type { QuestionLog } from "../../src/questions/question-log.ts";
import { openQuestionLog } from "../../src/store/file/question-log.ts";
import { createPool } from "../../src/store/postgres/pool.ts";
import { openPostgresQuestionLog, sharedSalt } from "../../src/store/postgres/question-log.ts";
import { recordingLogger } from "../helpers/slack-app.ts";
import { describeStoreContract } from "./contract.ts";

const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 4, d, hour));
const now = day(10);

/** Every write made and read back: what the next process would find. */
async function persisted(log: QuestionLog) {
  log.flush();
  await log.settled();
}

describeStoreContract<QuestionLog & { close?(): Promise<void> }>(
  "question log",
  {
    file: ({ dataDir, logger }) => openQuestionLog({ dataDir, retentionDays: 30, logger, now }),
    postgres: async ({ pool, logger }) =>
      openPostgresQuestionLog(pool, {
        retentionDays: 30,
        logger,
        now,
        salt: await sharedSalt(pool, generateSalt),
      }),
    close: (log) => (log.close ? log.close() : persisted(log)),
  },
  ({ kind, open, dump, databaseUrl }) => {
    it("counts what was recorded, and so does a process opened later", async () => {
      const log = await open();
      await log.ready;
      log.record(
        { text: "gas price?", answered: false, at: day(10, 9) },
        { origin: "mention", channel: "C1", user: "U0ASKER" },
      );
      log.record({ text: "pipeline", answered: true, at: day(10, 10) }, { origin: "dm" });
      log.record({ text: "border", answered: true, at: day(10, 11) }, { origin: "command" });
      const expected = {
        total: 3,
        answered: 2,
        unanswered: [{ text: "gas price?", count: 1 }],
        unlisted: 0,
      };
      expect(log.summarise({ channel: "C1" })).toMatchObject(expected);
      expect(log.summarise({ channel: "C2" })).toMatchObject({ total: 3, unlisted: 1 });
      expect(log.summarise({ after: day(10, 10) }).total).toBe(1);
      await persisted(log);

      const later = await open();
      await later.ready;
      expect(later.summarise({ channel: "C1" })).toMatchObject(expected);
    });

    it("keeps a question with a NUL byte or a lone surrogate, cleaned, and every question after it", async () => {
      const log = await open();
      await log.ready;
      const mention = { origin: "mention" as const, channel: "C1", user: "U0ASKER" };
      log.record({ text: "gas\u0000 price?", answered: false, at: day(10, 9) }, mention);
      log.record({ text: "half \ud83d pair?", answered: false, at: day(10, 10) }, mention);
      await persisted(log);
      log.record({ text: "visa fees?", answered: false, at: day(10, 11) }, mention);
      await persisted(log);

      const later = await open();
      await later.ready;
      expect(
        later
          .summarise({ channel: "C1" })
          .unanswered.map((q) => q.text)
          .sort(),
      ).toEqual(["gas price?", "half \ufffd pair?", "visa fees?"]);
    });

    it("never keeps a Slack user id, nor the words of a private question", async () => {
      const log = await open();
      await log.ready;
      log.record(
        { text: "is my password hunter2 safe?", answered: false, at: day(10) },
        { origin: "dm", user: "U0SECRET" },
      );
      log.record(
        { text: "visa fees?", answered: false, at: day(10) },
        { origin: "mention", channel: "C1", user: "U0ASKER" },
      );
      await persisted(log);
      const stored = await dump();
      expect(stored).toContain("visa fees?");
      expect(stored).toContain("password");
      expect(stored).not.toMatch(/U0SECRET|U0ASKER|hunter2 safe|is my password/);
    });

    it("names a privately asked topic once three different people asked, whichever process they asked", async () => {
      const [a, b] = [await open(), await open()];
      await Promise.all([a.ready, b.ready]);
      const ask = (log: QuestionLog, user: string) =>
        log.record({ text: "visa", answered: true, at: day(10) }, { origin: "dm", user });
      ask(a, "U1");
      ask(a, "U1");
      ask(b, "U2");
      await Promise.all([persisted(a), persisted(b)]);
      const topics = async () => {
        const reader = await open();
        await reader.ready;
        return reader.summarise({ channel: "C1" }).topics;
      };
      expect(await topics()).toEqual([]);
      ask(b, "U3");
      await persisted(b);
      expect(await topics()).toEqual([{ topic: "visa", count: 4 }]);
    });

    it("forgets questions older than the retention", async () => {
      const log = await open();
      await log.ready;
      log.record({ text: "old", answered: true, at: day(1) }, { origin: "dm" });
      log.record({ text: "new", answered: true, at: day(9) }, { origin: "dm" });
      await persisted(log);
      expect(log.prune(new Date(day(1).getTime() + 31 * 86_400_000))).toBe(1);
      await persisted(log);
      const later = await open();
      await later.ready;
      expect(later.summarise().total).toBe(1);
    });

    if (kind === "postgres") {
      it("drops a row the table refuses with one log line, and saves the questions around it", async () => {
        const pool = createPool(databaseUrl(), silentLogger, { max: 2 });
        const logger = recordingLogger();
        const log = openPostgresQuestionLog(pool, {
          retentionDays: 30,
          logger,
          now,
          salt: await sharedSalt(pool, generateSalt),
        });
        try {
          await log.ready;
          log.record({ text: "before", answered: true, at: day(10, 8) }, { origin: "dm" });
          // Year 275760: a valid Date that timestamptz can't hold.
          log.record({ text: "far", answered: true, at: new Date(8.64e15) }, { origin: "dm" });
          log.record({ text: "after", answered: true, at: day(10, 9) }, { origin: "dm" });
          await persisted(log);
          const rows = await pool.query("SELECT count(*)::int AS n FROM question_log");
          expect(rows.rows[0].n).toBe(2);
          expect(logger.lines.filter((l) => l.text.includes("could not be saved"))).toHaveLength(1);
        } finally {
          await log.close();
          await pool.end();
        }
      });

      it("brings in what other replicas recorded on sync, however late their transactions commit", async () => {
        const [a, b] = [await open(), await open()];
        await Promise.all([a.ready, b.ready]);
        // A transaction that takes its row's number first and commits last.
        const slow = new pg.Client({ connectionString: databaseUrl() });
        await slow.connect();
        try {
          await slow.query("BEGIN");
          await slow.query(
            `INSERT INTO question_log (uid, at, answered, origin, topics)
             VALUES (gen_random_uuid(), $1, true, 'dm', '[["late","late"]]')`,
            [day(10, 8)],
          );
          a.record({ text: "quick", answered: false, at: day(10, 9) }, { origin: "dm" });
          await a.sync();
          await b.sync();
          expect(b.summarise().total).toBe(1);
          await slow.query("COMMIT");
        } finally {
          await slow.end();
        }
        await b.sync();
        expect(b.summarise().total).toBe(2);
        await b.sync();
        expect(b.summarise().total).toBe(2);
        // Its own questions count once, before and after they are read back.
        b.record({ text: "mine", answered: true, at: day(10, 10) }, { origin: "dm" });
        expect(b.summarise().total).toBe(3);
        await b.sync();
        await b.sync();
        expect(b.summarise().total).toBe(3);
        await a.sync();
        expect(a.summarise().total).toBe(3);
      });
    }
  },
);
