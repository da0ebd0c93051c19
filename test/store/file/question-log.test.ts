import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../../src/log/logger.ts";
import { MAX_QUESTION_LENGTH, QUESTION_LOG_FLUSH_MS } from "../../../src/questions/question-log.ts";
import { openQuestionLog, QUESTION_SALT_FILE } from "../../../src/store/file/question-log.ts";
import { recordingLogger } from "../../digest/fixtures.ts";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-qlog-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 4, d, hour));
const logFile = () => join(dataDir, "questions.jsonl");
const lines = () =>
  readFileSync(logFile(), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
const open = (extra: Partial<Parameters<typeof openQuestionLog>[0]> = {}) =>
  openQuestionLog({ dataDir, retentionDays: 30, logger: silentLogger, now: day(4), ...extra });

describe("openQuestionLog", () => {
  it("keeps a private question's time, topics and a salted hash of who asked: never its text or the user id", async () => {
    const log = open();
    await log.ready;
    log.record(
      { text: "  Is my password hunter2 safe?  ", answered: false, at: day(4) },
      { origin: "dm", user: "U0PARISA" },
    );
    log.flush();
    const file = readFileSync(logFile(), "utf8");
    expect(file).not.toMatch(/U0PARISA|Is my password/);
    expect(lines()).toEqual([
      {
        at: "2026-05-04T12:00:00.000Z",
        answered: false,
        origin: "dm",
        asker: expect.stringMatching(/^[0-9a-f]{8}\.[0-9a-f]{16}$/),
        topics: [
          ["password", "password"],
          ["hunter2", "hunter2"],
          ["safe", "safe"],
        ],
      },
    ]);
    expect(statSync(join(dataDir, QUESTION_SALT_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(logFile()).mode & 0o777).toBe(0o600);
  });

  it("keeps a mention's text and channel, so that channel's digest may quote it", async () => {
    const log = open();
    log.record(
      { text: "Who is <@U123>?", answered: false, at: day(4) },
      { origin: "mention", channel: "C0HERE", user: "U0ASKER" },
    );
    log.flush();
    expect(lines()[0]).toMatchObject({
      origin: "mention",
      channel: "C0HERE",
      text: "Who is <@U123>?",
    });
    await log.ready;
    expect(log.summarise({ channel: "C0HERE" }).unanswered).toEqual([
      { text: "Who is <@U123>?", count: 1 },
    ]);
  });

  it("hashes the same person the same way after a restart, and differently from others", () => {
    const hashOf = (user: string) => {
      const log = open();
      log.record({ text: "q", answered: true, at: day(4) }, { origin: "command", user });
      log.flush();
      return lines().at(-1).asker;
    };
    const first = hashOf("U0ONE");
    expect(hashOf("U0ONE")).toBe(first);
    expect(hashOf("U0TWO")).not.toBe(first);
  });

  it("uses a configured salt instead of storing one", () => {
    const log = open({ salt: "a configured secret of thirty-two chars" });
    log.record({ text: "q", answered: true, at: day(4) }, { origin: "dm", user: "U0ONE" });
    log.flush();
    expect(existsSync(join(dataDir, QUESTION_SALT_FILE))).toBe(false);
    expect(lines()[0].asker).toMatch(/^[0-9a-f]{8}\./);
  });

  it("summarises what was asked after an instant", async () => {
    const log = open();
    log.record({ text: "one", answered: true, at: day(2) }, { origin: "dm" });
    log.record({ text: "two", answered: false, at: day(3) }, { origin: "dm" });
    log.record({ text: "three", answered: true, at: day(4) }, { origin: "dm" });
    await log.ready;
    expect(log.summarise({ after: day(2) })).toMatchObject({ total: 2, answered: 1 });
    expect(log.summarise()).toMatchObject({ total: 3, answered: 2 });
  });

  it("reads the file once, at opening, in the background", async () => {
    const first = open();
    first.record({ text: "before the restart", answered: true, at: day(4) }, { origin: "dm" });
    first.flush();
    const reopened = open();
    expect(reopened.summarise().problem).toMatch(/^Still reading the question log/);
    await reopened.ready;
    expect(reopened.summarise()).toMatchObject({ total: 1 });
    expect(reopened.summarise().problem).toBeUndefined();
    rmSync(logFile());
    expect(reopened.summarise()).toMatchObject({ total: 1 });
  });

  it("drops entries older than the retention when it opens and when pruned, from memory and file", async () => {
    const first = open({ retentionDays: 3, now: day(1) });
    first.record({ text: "old", answered: true, at: day(1) }, { origin: "dm" });
    first.record({ text: "newer", answered: true, at: day(3) }, { origin: "dm" });
    first.flush();
    const reopened = open({ retentionDays: 3, now: day(5) });
    await reopened.settled();
    expect(reopened.summarise().total).toBe(1);
    expect(lines().map((l) => l.at)).toEqual([day(3).toISOString()]);
    expect(reopened.prune(day(7))).toBe(1);
    expect(reopened.summarise().total).toBe(0);
    await reopened.settled();
    expect(readFileSync(logFile(), "utf8")).toBe("");
    expect(readdirSync(dataDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps what is recorded while the file is being rewritten", async () => {
    const first = open({ retentionDays: 3, now: day(1) });
    first.record({ text: "old", answered: true, at: day(1) }, { origin: "dm" });
    first.record({ text: "kept", answered: true, at: day(4) }, { origin: "dm" });
    first.flush();
    const reopened = open({ retentionDays: 3, now: day(5), budgetMs: 0 });
    await reopened.ready;
    // The rewrite has started and waits for its next turn: these land in the old file.
    reopened.record({ text: "during", answered: false, at: day(5) }, { origin: "dm" });
    reopened.flush();
    await reopened.settled();
    expect(lines().map((l) => l.at)).toEqual([day(4).toISOString(), day(5).toISOString()]);
  });

  it("reads lines written before origins were kept as private questions, and rewrites them without their text", async () => {
    writeFileSync(
      logFile(),
      `${JSON.stringify({ text: "gas pipeline price?", at: day(3).toISOString(), answered: false })}\n`,
    );
    const log = open();
    await log.settled();
    expect(log.summarise({ channel: "C0HERE" })).toEqual({
      total: 1,
      answered: 0,
      topics: [],
      unanswered: [],
      unlisted: 1,
    });
    expect(lines()).toEqual([
      {
        at: day(3).toISOString(),
        answered: false,
        topics: [
          ["gas", "gas"],
          ["pipelin", "pipeline"],
          ["pric", "price"],
        ],
      },
    ]);
  });

  it("skips a damaged line with a warning naming the file and line", async () => {
    const fine = (hour: number) =>
      JSON.stringify({ at: day(4, hour).toISOString(), answered: true, topics: [] });
    writeFileSync(logFile(), `${fine(1)}\n{"text": "half\n${fine(2)}\n`);
    const logger = recordingLogger();
    const log = open({ logger, readOnly: true });
    await log.ready;
    expect(log.summarise().total).toBe(2);
    expect(logger.warnings).toEqual([`${logFile()}:2: not a question log entry, skipped`]);
  });

  it("writes a burst of questions together, shortly after the first", () => {
    vi.useFakeTimers();
    try {
      const log = open();
      log.record({ text: "one", answered: true, at: day(4) }, { origin: "mention" });
      log.record({ text: "two", answered: true, at: day(4) }, { origin: "mention" });
      expect(existsSync(logFile())).toBe(false);
      vi.advanceTimersByTime(QUESTION_LOG_FLUSH_MS);
      expect(lines().map((l) => l.text)).toEqual(["one", "two"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("cuts very long questions", () => {
    const log = open();
    log.record({ text: "x".repeat(5000), answered: false, at: day(4) }, { origin: "mention" });
    log.flush();
    expect(lines()[0].text).toHaveLength(MAX_QUESTION_LENGTH);
  });

  it("changes nothing on disk when opened read-only", async () => {
    mkdirSync(join(dataDir, "sub"));
    const log = open({ dataDir: join(dataDir, "sub"), readOnly: true });
    log.record({ text: "q", answered: true, at: day(4) }, { origin: "dm", user: "U0ONE" });
    log.flush();
    await log.settled();
    expect(readdirSync(join(dataDir, "sub"))).toEqual([]);
  });
});
