import { appendFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import type { KnowledgeService } from "../../src/live-index/types.ts";
import { articleText, BORDER_FACT_YAML, createKnowledgeDir } from "../helpers/knowledge-dir.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A quote that is not in its passage: the edit that used to turn a restart into an outage. */
const BAD_FACT = [
  "- id: pipeline-due",
  "  subject: Gas pipeline",
  "  attribute: due",
  "  value: 2014",
  "  source: ties#2",
  '  quote: "finished in 2099"',
  "",
].join("\n");

async function setUp() {
  const folder = await createKnowledgeDir({
    "articles/ties.txt": articleText("Ties", [
      "Pakistan and Iran share a 959km border.",
      "The gas pipeline was due in 2014.",
    ]),
    "facts/border.yml": BORDER_FACT_YAML,
  });
  const cacheDir = await mkdtemp(path.join(tmpdir(), "iranpak-cache-"));
  cleanups.push(folder.remove, () => rm(cacheDir, { recursive: true, force: true }));
  return { dir: folder.dir, cacheDir };
}

function start(options: Parameters<typeof createKnowledgeService>[0]): KnowledgeService {
  const service = createKnowledgeService({ watch: false, serveLastGood: true, ...options });
  cleanups.push(() => service.close());
  return service;
}

/** Runs the bot once on the good folder, as it ran before the bad edit. */
async function runOnce(dir: string, cacheDir: string): Promise<void> {
  const service = createKnowledgeService({ dir, cacheDir, watch: false });
  await service.ready;
  await service.close();
}

const at = (iso: string) => () => new Date(iso);

describe("a start with a broken knowledge folder", () => {
  it("serves the last good knowledge, logs every problem with its file and line, and says degraded", async () => {
    const { dir, cacheDir } = await setUp();
    await runOnce(dir, cacheDir);
    await writeFile(path.join(dir, "facts", "pipeline.yml"), BAD_FACT);
    await writeFile(path.join(dir, "aliases.yml"), "- [Bajwa, 3\n");
    const logger = recordingLogger();
    const service = start({ dir, cacheDir, logger, now: at("2030-01-02T03:04:05.000Z") });
    await service.ready;

    const pipeline = path.join(dir, "facts", "pipeline.yml");
    expect(logger.text("error")).toContain(`${pipeline}:6: quote not found in passage ties#2`);
    expect(logger.text("error")).toContain(`${path.join(dir, "aliases.yml")}:2: invalid YAML`);
    const status = service.status();
    expect(status).toMatchObject({ state: "degraded", since: new Date("2030-01-02T03:04:05Z") });
    expect(status.reason).toMatch(
      /^2 problems in the knowledge folder, first .*aliases\.yml:2: .*; serving the last good index from \d{4}-\d\d-\d\dT/,
    );
    expect(service.ask("border").results[0]).toMatchObject({ kind: "fact", value: "959 km" });
  });

  it("is ready again once the folder is fixed and reloaded", async () => {
    const { dir, cacheDir } = await setUp();
    await runOnce(dir, cacheDir);
    await appendFile(path.join(dir, "facts", "border.yml"), BAD_FACT);
    const service = start({ dir, cacheDir });
    await service.ready;
    expect(service.status().state).toBe("degraded");
    await writeFile(path.join(dir, "facts", "border.yml"), BORDER_FACT_YAML);
    expect(await service.reload()).toMatchObject({ ok: true });
    expect(service.status()).toEqual({ state: "ready", since: expect.any(Date) });
  });

  it("serves the newest good knowledge: the last reload that succeeded", async () => {
    const { dir, cacheDir } = await setUp();
    const running = start({ dir, cacheDir });
    await running.ready;
    await writeFile(
      path.join(dir, "articles", "more.txt"),
      articleText("More", ["Electricity is sold across the border."]),
    );
    expect(await running.reload()).toMatchObject({ ok: true, counts: { articles: 2 } });
    await running.close();
    await appendFile(path.join(dir, "facts", "border.yml"), BAD_FACT);

    const restarted = start({ dir, cacheDir });
    await restarted.ready;
    expect(restarted.status().state).toBe("degraded");
    expect(restarted.ask("electricity").results[0]?.citation.docId).toBe("more#1");
    expect((await readdir(cacheDir)).filter((n) => n.startsWith("knowledge-"))).toHaveLength(1);
  });

  it("fails as before, listing every problem, when there is no last good knowledge", async () => {
    const { dir, cacheDir } = await setUp();
    await appendFile(path.join(dir, "facts", "border.yml"), BAD_FACT);
    const service = start({ dir, cacheDir });
    await expect(service.ready).rejects.toThrow(
      `${path.join(dir, "facts", "border.yml")}:13: quote not found in passage ties#2`,
    );
    expect(service.status().state).toBe("starting");
  });

  it("fails as before for a one-shot command, which must not answer from older knowledge", async () => {
    const { dir, cacheDir } = await setUp();
    await runOnce(dir, cacheDir);
    await appendFile(path.join(dir, "facts", "border.yml"), BAD_FACT);
    const service = start({ dir, cacheDir, serveLastGood: false });
    await expect(service.ready).rejects.toThrow("quote not found in passage ties#2");
  });

  it("fails as before when the saved knowledge is damaged, and says so", async () => {
    const { dir, cacheDir } = await setUp();
    await runOnce(dir, cacheDir);
    const snapshot = (await readdir(cacheDir)).find((n) => n.startsWith("knowledge-")) ?? "";
    await appendFile(
      path.join(cacheDir, snapshot),
      `${JSON.stringify({ rel: "articles/extra.txt", text: "Extra\n\nInjected.\n" })}\n`,
    );
    await appendFile(path.join(dir, "facts", "border.yml"), BAD_FACT);
    const logger = recordingLogger();
    const service = start({ dir, cacheDir, logger });
    await expect(service.ready).rejects.toThrow("quote not found in passage ties#2");
    expect(logger.text("warn")).toMatch(/cannot use the last good knowledge: .*is damaged/);
  });
});

describe("a reload that fails at run time", () => {
  it("makes the status degraded with the problem's file and line, until a reload succeeds", async () => {
    const { dir, cacheDir } = await setUp();
    let clock = "2030-01-01T00:00:00.000Z";
    const service = start({ dir, cacheDir, now: () => new Date(clock) });
    await service.ready;
    expect(service.status()).toEqual({ state: "ready", since: new Date(clock) });

    clock = "2030-01-01T00:05:00.000Z";
    await appendFile(path.join(dir, "facts", "border.yml"), BAD_FACT);
    expect(await service.reload()).toMatchObject({ ok: false });
    expect(service.status()).toEqual({
      state: "degraded",
      reason: `1 problem in the knowledge folder, first ${path.join(dir, "facts", "border.yml")}:13: quote not found in passage ties#2; serving the last good index from 2030-01-01T00:00:00.000Z`,
      since: new Date(clock),
    });

    clock = "2030-01-01T00:10:00.000Z";
    await writeFile(path.join(dir, "facts", "border.yml"), BORDER_FACT_YAML);
    expect(await service.reload()).toMatchObject({ ok: true });
    expect(service.status()).toEqual({ state: "ready", since: new Date(clock) });
  });
});
