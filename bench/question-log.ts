/**
 * `node --expose-gc --import tsx bench/question-log.ts [--entries 300000,1000000] [--legacy]`:
 * how long a bot takes to
 * open a question log of that many entries, and how long `/iranpak digest` takes over it, with
 * the repository's knowledge folder. Writes a synthetic log (30 days, a mix of DMs, slash
 * commands and mentions from 200 people, a third unanswered) into a temporary DATA_DIR.
 * `--legacy` writes lines as they were before origins were kept: `{ text, at, answered }`.
 *
 * Prints, per size: the log's size, the time to open it (`createDigestWiring`, returns before
 * the log is read when reading is in the background), the time until it is read (`ready`),
 * the longest event-loop stall meanwhile, and the time of a digest preview once it is read (the
 * first, then a second one).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseConfig } from "../src/config.ts";
import { createDigestWiring } from "../src/digest-wiring.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { silentLogger } from "../src/log/logger.ts";
import { createFileStores } from "../src/store/file/stores.ts";
import { DAY_MS } from "../src/util/time.ts";
import { longestStall } from "./stats.ts";

const { values } = parseArgs({
  options: {
    entries: { type: "string", default: "300000,1000000" },
    legacy: { type: "boolean", default: false },
  },
});
const sizes = (values.entries ?? "").split(",").map(Number);

const WORDS = [
  "pipeline",
  "gas",
  "border",
  "trade",
  "Bajwa",
  "Tehran",
  "tariff",
  "electricity",
  "Gwadar",
  "Chabahar",
  "smuggling",
  "visit",
  "sanctions",
  "barter",
  "fencing",
  "refugees",
  "oil",
  "price",
  "railway",
  "crossing",
];
const ORIGINS = ["dm", "command", "mention"] as const;

/** A fixed pseudo-random sequence, so every run writes the same log. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function writeLog(dataDir: string, entries: number, now: Date, legacy: boolean): void {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const start = now.getTime() - 30 * DAY_MS;
  const step = (30 * DAY_MS) / entries;
  const lines: string[] = [];
  for (let i = 0; i < entries; i++) {
    const words = [pick(WORDS), pick(WORDS), pick(WORDS)];
    const text = `What about the ${words.join(" and ")} ${i % 97}?`;
    const at = new Date(start + i * step).toISOString();
    const answered = next() > 0.33;
    if (legacy) {
      lines.push(JSON.stringify({ text, at, answered }));
    } else {
      const origin = pick(ORIGINS);
      const topics = words.map((w) => [w.toLowerCase(), w.toLowerCase()]);
      lines.push(
        JSON.stringify({
          at,
          answered,
          origin,
          ...(origin === "mention" ? { channel: pick(["C0DIGEST1", "C0OTHER01"]) } : {}),
          asker: `s0000000.${Math.floor(next() * 200)
            .toString(16)
            .padStart(16, "0")}`,
          topics,
          ...(origin === "mention" ? { text } : {}),
        }),
      );
    }
  }
  writeFileSync(join(dataDir, "questions.jsonl"), `${lines.join("\n")}\n`);
}

const kb = await loadKnowledge("knowledge");
const now = new Date();
for (const entries of sizes) {
  const dataDir = mkdtempSync(join(tmpdir(), "iranpak-qlog-bench-"));
  try {
    writeLog(dataDir, entries, now, values.legacy === true);
    const megabytes = statSync(join(dataDir, "questions.jsonl")).size / 1e6;
    const config = parseConfig({ DATA_DIR: dataDir, DIGEST_CHANNELS: "C0DIGEST1" });
    // Collect the writing's garbage now, or its collection is counted as the log's stall.
    (globalThis as { gc?: () => void }).gc?.();
    const openStarted = performance.now();
    const { value: wiring, stallMs } = await longestStall(async () => {
      const wiring = createDigestWiring(config, {
        stores: createFileStores({ dataDir, logger: silentLogger }),
        knowledge: { knowledge: () => kb },
        logger: silentLogger,
      });
      const openMs = performance.now() - openStarted;
      const ready = (wiring.questionLog as { ready?: Promise<unknown> }).ready;
      await ready;
      return { wiring, openMs, readyMs: performance.now() - openStarted };
    });
    const previewStarted = performance.now();
    const message = await wiring.wiring.preview?.("C0DIGEST1");
    const previewMs = performance.now() - previewStarted;
    const againStarted = performance.now();
    await wiring.wiring.preview?.("C0DIGEST1");
    const againMs = performance.now() - againStarted;
    const asked = JSON.stringify(message?.blocks ?? []).match(/([\d,]+) questions/)?.[1];
    console.log(
      `${entries} entries (${megabytes.toFixed(0)} MB${values.legacy ? ", legacy lines" : ""}): open ${wiring.openMs.toFixed(0)} ms, read ${wiring.readyMs.toFixed(0)} ms, longest stall ${stallMs.toFixed(0)} ms, /iranpak digest ${previewMs.toFixed(0)} ms (${asked ?? "?"} questions; again ${againMs.toFixed(0)} ms), heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
    );
    wiring.wiring.questionLog.flush();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
