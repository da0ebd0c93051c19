import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runReport, type TeamReport } from "../../src/cli/report.ts";
import { parseConfig } from "../../src/config.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { openFeedbackFile } from "../../src/store/file/feedback-store.ts";
import { openQuestionLog } from "../../src/store/file/question-log.ts";

let kb: KnowledgeBase;
let dataDir: string;
const NOW = new Date("2026-05-04T10:00:00Z");

beforeAll(async () => {
  kb = await loadKnowledge("knowledge");
});
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-report-"));
  const log = openQuestionLog({ dataDir, retentionDays: 30, logger: silentLogger, now: NOW });
  const at = new Date("2026-05-04T09:00:00Z");
  log.record(
    { text: "gas pipeline length", answered: true, at },
    { origin: "mention", channel: "C0A", user: "U1" },
  );
  log.record(
    { text: "cricket scores", answered: false, at },
    { origin: "mention", channel: "C0A", user: "U1" },
  );
  log.record({ text: "my password hunter2", answered: false, at }, { origin: "dm", user: "U2" });
  log.flush();
  await log.settled();
  const feedback = openFeedbackFile({ dataDir, logger: silentLogger });
  const vote = { voter: "abcd1234.0000000000000001", at: at.toISOString(), answered: true };
  await feedback.vote({
    ...vote,
    answer: "0000000000000001",
    helpful: false,
    origin: "mention",
    channel: "C0A",
    question: "gas pipeline length",
  });
  await feedback.vote({ ...vote, answer: "0000000000000002", helpful: true, origin: "command" });
  await feedback.vote({ ...vote, answer: "0000000000000003", helpful: false, origin: "dm" });
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function report(args: string[]) {
  let out = "";
  const output = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const config = parseConfig({ DATA_DIR: dataDir });
  const code = await runReport(
    args,
    { config, logger: silentLogger, knowledge: { knowledge: () => kb } },
    { output, now: () => NOW },
  );
  return { code, out };
}

describe("npm run report", () => {
  it("prints questions asked, answered, abstained, the votes and both gap lists, private ones only counted", async () => {
    const { code, out } = await report([]);
    expect(code).toBe(0);
    expect(out).toContain("Questions asked: 3\nAnswered: 1\nAbstained (nothing to cite): 2\n");
    expect(out).toContain("Feedback: 1 helpful, 2 not helpful");
    expect(out).toContain(
      "Gaps: questions with no answer\n  - cricket scores\n  - …and 1 asked privately (not quoted)",
    );
    expect(out).toContain(
      "Gaps: answers the team found wrong (marked not helpful)\n  - gas pipeline length\n  - …and 1 asked privately (not quoted)",
    );
    expect(out).not.toContain("hunter2");
  });

  it("--json prints the same as one object", async () => {
    const { out } = await report(["--json"]);
    const json = JSON.parse(out) as TeamReport;
    expect(json.questions).toEqual({ asked: 3, answered: 1, abstained: 2 });
    expect(json.feedback).toEqual({ helpful: 1, notHelpful: 2 });
    expect(json.unanswered).toEqual([{ text: "cricket scores", count: 1 }]);
    expect(json.foundWrong).toEqual([{ text: "gas pipeline length", count: 1 }]);
    expect(json.foundWrongPrivately).toBe(1);
  });

  it("--days counts only the last days; a bad option is a usage error", async () => {
    const { out } = await report(["--json", "--days", "1"]);
    expect((JSON.parse(out) as TeamReport).since).toBe("2026-05-03T10:00:00.000Z");
    expect((await report(["--days", "x"])).code).toBe(2);
    expect((await report(["--frobnicate"])).code).toBe(2);
  });
});
