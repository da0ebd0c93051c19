/**
 * Issue 10 §4: a question log that can't be kept must not stop the bot. `questions.jsonl` as a
 * folder is made for real; a read-only DATA_DIR is simulated by a file system that fails every
 * write with EROFS, injected at the log's file seam (the tests run as root, which ignores modes).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LogFiles, nodeLogFiles } from "../../../src/store/file/log-files.ts";
import { openQuestionLog } from "../../../src/store/file/question-log.ts";
import { recordingLogger } from "../../digest/fixtures.ts";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-qlog-faults-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const day = (d: number) => new Date(Date.UTC(2026, 4, d, 12));

function readOnlyFiles(): LogFiles {
  const refuse = () => {
    throw Object.assign(new Error("EROFS: read-only file system"), { code: "EROFS" });
  };
  return {
    ...nodeLogFiles,
    append: refuse,
    appendSync: refuse,
    create: async () => refuse(),
    createSecret: refuse,
    rename: refuse,
    remove: refuse,
    // mkdir -p of a folder that exists succeeds even on a read-only file system.
    mkdir: () => {},
  };
}

describe("a question log that can't be kept", () => {
  it("opens when questions.jsonl is a folder, counts in memory, logs one clear line and tells the digest", async () => {
    mkdirSync(join(dataDir, "questions.jsonl"));
    const logger = recordingLogger();
    const log = openQuestionLog({ dataDir, retentionDays: 30, logger, now: day(4) });
    await log.ready;
    log.record({ text: "pipeline?", answered: true, at: day(4) }, { origin: "dm", user: "U0A" });
    log.flush();
    log.record({ text: "border?", answered: false, at: day(4) }, { origin: "command" });
    log.flush();
    expect(log.prune(day(5))).toBe(0);
    await log.settled();
    expect(logger.warnings).toEqual([
      `${join(dataDir, "questions.jsonl")}: can't read the question log (questions.jsonl in DATA_DIR is a folder); questions are counted in memory only, until the bot stops. Move that folder out of DATA_DIR to keep questions across restarts.`,
    ]);
    expect(log.summarise()).toMatchObject({
      total: 2,
      answered: 1,
      problem:
        "Questions can't be saved (questions.jsonl in DATA_DIR is a folder), so these figures only cover questions asked since the bot last started.",
    });
  });

  it("opens on a read-only DATA_DIR holding an expired question, logs one line, and tells the digest", async () => {
    const expired = JSON.stringify({ text: "old?", at: day(1).toISOString(), answered: true });
    writeFileSync(join(dataDir, "questions.jsonl"), `${expired}\n`);
    const logger = recordingLogger();
    const log = openQuestionLog({
      dataDir,
      retentionDays: 1,
      logger,
      now: day(4),
      files: readOnlyFiles(),
    });
    await log.settled();
    log.record({ text: "pipeline?", answered: true, at: day(4) }, { origin: "dm", user: "U0A" });
    log.flush();
    expect(log.prune(day(5))).toBe(0);
    await log.settled();
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(
      /can't write the question log \(DATA_DIR is read-only\); questions are counted in memory only, until the bot stops\. Make DATA_DIR writable/,
    );
    expect(log.summarise()).toMatchObject({
      total: 1,
      problem: expect.stringMatching(/^Questions can't be saved \(DATA_DIR is read-only\)/),
    });
    expect(readFileSync(join(dataDir, "questions.jsonl"), "utf8")).toBe(`${expired}\n`);
  });
});
