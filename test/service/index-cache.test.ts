import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKnowledgeService } from "../../src/service/knowledge-service.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

const BORDER = "How long is the Iran Pakistan border?";

let cacheDir = "";
let indexFile = "";
let written: string[] = [];

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "iranpak-cache-"));
  const first = createKnowledgeService({ dir: "knowledge", watch: false, cacheDir });
  await first.ready;
  await first.close();
  const name = (await readdir(cacheDir)).find((n) => n.startsWith("index-"));
  indexFile = path.join(cacheDir, name ?? "no index written");
  written = (await readFile(indexFile, "utf8")).split("\n");
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

/** The bot's knowledge on a restart, over the index file `damage` left. */
async function restartAfter(damage: (lines: string[]) => string[]) {
  await writeFile(indexFile, damage([...written]).join("\n"));
  const logger = recordingLogger();
  const service = createKnowledgeService({ dir: "knowledge", watch: false, cacheDir, logger });
  await service.ready;
  await service.close();
  return { logger, answer: service.ask(BORDER) };
}

describe("a damaged persisted index", () => {
  const damages: [string, (lines: string[]) => string[]][] = [
    ["cut at a line boundary", (lines) => lines.slice(0, Math.floor(lines.length * 0.6))],
    [
      "with one byte flipped",
      (lines) => {
        const at = Math.floor(lines.length / 2);
        const line = lines[at] ?? "";
        const i = line.search(/\d/);
        lines[at] = `${line.slice(0, i)}${(Number(line[i]) + 1) % 10}${line.slice(i + 1)}`;
        return lines;
      },
    ],
    [
      "with its document ids shifted",
      (lines) =>
        lines.map((line) =>
          line.includes('"section":"documentIds"')
            ? line.replace(/\[(\d+),"/g, (_, id: string) => `[${Number(id) + 1},"`)
            : line,
        ),
    ],
    [
      "with wrong counts",
      (lines) =>
        lines.with(
          0,
          (lines[0] ?? "").replace(/"terms":(\d+)/, (_, n) => `"terms":${+n + 7}`),
        ),
    ],
  ];

  it.each(damages)(
    "%s is rebuilt with a warning, and the border is 959 km again",
    async (_, damage) => {
      const { logger, answer } = await restartAfter(damage);
      expect(logger.text("warn")).toMatch(
        /persisted index .*index-.*\.jsonl is damaged .*; rebuilding/,
      );
      expect(logger.text("info")).toContain("indexed 1 articles");
      expect(answer.results[0]).toMatchObject({
        kind: "fact",
        value: "959 km",
        citation: { docId: "pakistan-iran#13" },
      });
    },
  );

  it("is whole again after the rebuild: the next start loads it without a warning", async () => {
    await restartAfter((lines) => lines.slice(0, 10));
    const { logger, answer } = await restartAfter((lines) => lines);
    expect(logger.text("warn")).toBe("");
    expect(logger.text("info")).toContain("loaded the persisted index");
    expect(answer.results[0]?.citation.docId).toBe("pakistan-iran#13");
  });
});
