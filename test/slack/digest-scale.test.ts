/**
 * Issue 10 §6: the question log was read in full at every start and every `/iranpak digest`
 * (300,000 entries: 8 s, /healthz blocked). Now it is read once, in the background, and the
 * preview comes from memory. Timings here are loose bounds for a loaded machine; the figures
 * are measured by bench/question-log.ts.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { longestStall } from "../../bench/stats.ts";
import { parseConfig } from "../../src/config.ts";
import { createDigestWiring } from "../../src/digest-wiring.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { createAskerHasher } from "../../src/questions/asker-hash.ts";
import { createFileStores } from "../../src/store/file/stores.ts";
import { recordingLogger } from "../digest/fixtures.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";

const ENTRIES = 1_000_000;
const SALT = "the scale test's salt, 32 characters or more";
const NOW = new Date("2026-05-31T12:00:00Z");
let dataDir: string;
let kb: KnowledgeBase;

beforeAll(async () => {
  kb = await loadKnowledge("knowledge");
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-scale-"));
  const fd = openSync(join(dataDir, "questions.jsonl"), "w");
  const start = NOW.getTime() - 20 * 86_400_000;
  const words = ["pipeline", "border", "trade", "visa", "tariff"];
  const { saltId } = createAskerHasher(SALT);
  let batch = "";
  for (let i = 0; i < ENTRIES; i++) {
    const word = words[i % words.length] as string;
    batch += `${JSON.stringify({
      at: new Date(start + i * 1000).toISOString(),
      answered: i % 4 !== 0,
      origin: "dm",
      asker: `${saltId}.${(i % 50).toString(16).padStart(16, "0")}`,
      topics: [[word, word]],
    })}\n`;
    if (batch.length > 1 << 20) {
      writeSync(fd, batch);
      batch = "";
    }
  }
  writeSync(fd, batch);
  closeSync(fd);
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe(`a question log of ${ENTRIES.toLocaleString("en")} entries`, () => {
  it("opens at once, is read without blocking the event loop, and /iranpak digest comes from memory", async () => {
    const config = parseConfig({
      DATA_DIR: dataDir,
      DIGEST_CHANNELS: "C0DIGEST01",
      QUESTION_HASH_SALT: SALT,
    });
    const opened = performance.now();
    const wiring = createDigestWiring(config, {
      stores: createFileStores({ dataDir, logger: silentLogger }),
      knowledge: { knowledge: () => kb },
      logger: recordingLogger(),
      now: () => NOW,
    });
    expect(performance.now() - opened).toBeLessThan(500);
    // Before: one synchronous read of the whole file, 1.9 s at this size.
    expect((await longestStall(() => wiring.questionLog.ready)).stallMs).toBeLessThan(1000);

    // The file is gone: whatever the preview shows, it did not read it.
    rmSync(join(dataDir, "questions.jsonl"));
    const asked = performance.now();
    const preview = stringsIn(await wiring.preview?.("C0DIGEST01")).join("\n");
    // Before: 25 s at this size. Slack's ack deadline is 3 s.
    expect(performance.now() - asked).toBeLessThan(2500);
    expect(preview).toContain(`${ENTRIES} questions so far, ${ENTRIES * 0.75} answered.`);
    expect(preview).toMatch(/Most asked about: \*border\* \(200000\)/);
  }, 120_000);
});
