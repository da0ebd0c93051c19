import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  MAX_QUESTION_LENGTH,
  openQuestionLog,
  QUESTION_LOG_FLUSH_MS,
} from "../../src/digest/question-log.ts";
import { silentLogger } from "../../src/logger.ts";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-qlog-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 4, d, hour));

describe("openQuestionLog", () => {
  it("keeps text, time and whether it was answered, and nothing about who asked", () => {
    const log = openQuestionLog({ dataDir, retentionDays: 30, logger: silentLogger, now: day(4) });
    const fromSlack = {
      text: "  Who is <@U123>?  ",
      answered: false,
      at: day(4),
      user: "U999",
      userName: "someone",
      channel: "C1",
    };
    log.record(fromSlack);
    log.flush();
    const file = readFileSync(join(dataDir, "questions.jsonl"), "utf8");
    expect(file).toBe(
      '{"text":"Who is <@U123>?","at":"2026-05-04T12:00:00.000Z","answered":false}\n',
    );
    expect(file).not.toMatch(/U999|someone|C1/);
  });

  it("returns the questions asked after an instant, oldest first", () => {
    const log = openQuestionLog({ dataDir, retentionDays: 30, logger: silentLogger, now: day(4) });
    log.record({ text: "one", answered: true, at: day(2) });
    log.record({ text: "two", answered: false, at: day(3) });
    log.record({ text: "three", answered: true, at: day(4) });
    expect(log.since(day(2)).map((e) => e.text)).toEqual(["two", "three"]);
    expect(log.since(undefined).map((e) => e.text)).toEqual(["one", "two", "three"]);
  });

  it("drops entries older than the retention when it opens and when pruned", () => {
    const first = openQuestionLog({ dataDir, retentionDays: 3, logger: silentLogger, now: day(1) });
    first.record({ text: "old", answered: true, at: day(1) });
    first.record({ text: "newer", answered: true, at: day(3) });
    first.flush();
    const reopened = openQuestionLog({
      dataDir,
      retentionDays: 3,
      logger: silentLogger,
      now: day(5),
    });
    expect(reopened.since(undefined).map((e) => e.text)).toEqual(["newer"]);
    expect(reopened.prune(day(7))).toBe(1);
    expect(reopened.since(undefined)).toEqual([]);
  });

  it("skips a damaged line with a warning naming the file and line", () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (...m: unknown[]) => warnings.push(m.join(" ")) };
    const log = openQuestionLog({ dataDir, retentionDays: 30, logger, now: day(4) });
    log.record({ text: "fine", answered: true, at: day(4) });
    log.flush();
    appendFileSync(join(dataDir, "questions.jsonl"), '{"text": "half\n');
    log.record({ text: "also fine", answered: true, at: day(4, 13) });
    expect(log.since(undefined).map((e) => e.text)).toEqual(["fine", "also fine"]);
    expect(warnings).toEqual([
      `${join(dataDir, "questions.jsonl")}:2: not a question log entry, skipped`,
    ]);
  });

  it("writes a burst of questions together, shortly after the first", () => {
    vi.useFakeTimers();
    try {
      const log = openQuestionLog({
        dataDir,
        retentionDays: 30,
        logger: silentLogger,
        now: day(4),
      });
      log.record({ text: "one", answered: true, at: day(4) });
      log.record({ text: "two", answered: true, at: day(4) });
      expect(existsSync(join(dataDir, "questions.jsonl"))).toBe(false);
      vi.advanceTimersByTime(QUESTION_LOG_FLUSH_MS);
      const lines = readFileSync(join(dataDir, "questions.jsonl"), "utf8").trim().split("\n");
      expect(lines.map((l) => JSON.parse(l).text)).toEqual(["one", "two"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("cuts very long questions", () => {
    const log = openQuestionLog({ dataDir, retentionDays: 30, logger: silentLogger, now: day(4) });
    log.record({ text: "x".repeat(5000), answered: false, at: day(4) });
    expect(log.since(undefined)[0]?.text).toHaveLength(MAX_QUESTION_LENGTH);
  });

  it("logs instead of throwing when it cannot write", () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (...m: unknown[]) => warnings.push(m.join(" ")) };
    const log = openQuestionLog({
      dataDir: join(dataDir, "questions.jsonl", "not-a-dir"),
      retentionDays: 30,
      logger,
      now: day(4),
    });
    appendFileSync(join(dataDir, "questions.jsonl"), "");
    expect(() => log.record({ text: "q", answered: true, at: day(4) })).not.toThrow();
    expect(() => log.flush()).not.toThrow();
    expect(warnings[0]).toMatch(/could not record a question/);
  });
});
