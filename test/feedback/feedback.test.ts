import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { summariseFeedback } from "../../src/feedback/summarise.ts";
import type { FeedbackVote } from "../../src/feedback/types.ts";
import { FEEDBACK_FILE, openFeedbackFile } from "../../src/store/file/feedback-store.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

const vote = (over: Partial<FeedbackVote>): FeedbackVote => ({
  answer: "0000000000000001",
  voter: "abcd1234.0000000000000001",
  helpful: false,
  at: "2026-11-27T09:00:00.000Z",
  origin: "mention",
  channel: "C0ONE",
  question: "gas price?",
  answered: true,
  ...over,
});

describe("summariseFeedback", () => {
  test("an answer is found wrong when not-helpful votes are at least the helpful ones", () => {
    const summary = summariseFeedback(
      [
        vote({}),
        vote({ voter: "abcd1234.0000000000000002", helpful: true }),
        vote({ answer: "0000000000000002", helpful: true, question: "border?" }),
      ],
      { channel: "C0ONE" },
    );
    expect(summary).toEqual({
      helpful: 2,
      notHelpful: 1,
      wrong: [{ text: "gas price?", count: 1 }],
      wrongUnlisted: 0,
    });
  });

  test("counts one vote per person per question, however many answers they voted on", () => {
    const fifteen = Array.from({ length: 15 }, (_, i) =>
      vote({ answer: `00000000000001${String(i).padStart(2, "0")}`, question: "Gas price?" }),
    );
    const summary = summariseFeedback(
      [...fifteen, vote({ voter: "abcd1234.0000000000000002", answer: "0000000000000099" })],
      { channel: "*" },
    );
    expect(summary).toEqual({
      helpful: 0,
      notHelpful: 2,
      wrong: [{ text: "Gas price?", count: 2 }],
      wrongUnlisted: 0,
    });
  });

  test("a question is quoted only in the channel its answer was public in; private ones are counted", () => {
    const votes = [
      vote({}),
      vote({ answer: "0000000000000003", origin: "dm", channel: undefined, question: undefined }),
    ];
    expect(summariseFeedback(votes, { channel: "C0ONE" }).wrong).toHaveLength(1);
    expect(summariseFeedback(votes, { channel: "C0TWO" })).toMatchObject({
      wrong: [],
      wrongUnlisted: 2,
    });
    expect(summariseFeedback(votes, {})).toMatchObject({ wrong: [], wrongUnlisted: 2 });
  });
});

describe("openFeedbackFile", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "iranpak-feedback-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test("keeps votes in DATA_DIR, readable by the bot's user only, one per person per answer across restarts", async () => {
    const logger = recordingLogger();
    const first = openFeedbackFile({ dataDir, logger });
    await first.vote(vote({ helpful: true }));
    const reopened = openFeedbackFile({ dataDir, logger });
    expect(await reopened.vote(vote({ helpful: false }))).toEqual({ helpful: 0, notHelpful: 1 });
    expect(await reopened.votes()).toHaveLength(1);
    expect(statSync(join(dataDir, FEEDBACK_FILE)).mode & 0o777).toBe(0o600);
  });

  test("skips damaged lines with a warning naming them, and drops a private vote's smuggled question", async () => {
    const logger = recordingLogger();
    const smuggled = JSON.stringify(vote({ origin: "command", question: "hunter2" }));
    writeFileSync(join(dataDir, FEEDBACK_FILE), `not json\n${smuggled}\n`);
    const votes = await openFeedbackFile({ dataDir, logger }).votes();
    expect(votes).toHaveLength(1);
    expect(votes[0]?.question).toBeUndefined();
    expect(logger.text("warn")).toContain(`${FEEDBACK_FILE}:1: not a feedback vote, skipped`);
  });

  test("a DATA_DIR it can't write in is said once, and votes still count in memory", async () => {
    const logger = recordingLogger();
    const blocked = join(dataDir, "file");
    writeFileSync(blocked, "");
    const store = openFeedbackFile({ dataDir: blocked, logger });
    await store.vote(vote({}));
    expect(await store.vote(vote({ voter: "abcd1234.0000000000000002" }))).toEqual({
      helpful: 0,
      notHelpful: 2,
    });
    expect(logger.lines.filter((l) => l.level === "warn")).toHaveLength(1);
    expect(readFileSync(blocked, "utf8")).toBe("");
  });
});
