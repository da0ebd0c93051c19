import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import type { KnowledgeService } from "../../src/live-index/types.ts";
import { countAnswers } from "../../src/metrics/instrument.ts";
import { articleText, createKnowledgeDir, type TempDir } from "../helpers/knowledge-dir.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function folder(paragraphs: string[]): Promise<TempDir> {
  const dir = await createKnowledgeDir({ "articles/ties.txt": articleText("Ties", paragraphs) });
  cleanups.push(dir.remove);
  return dir;
}

function start(options: Parameters<typeof createKnowledgeService>[0]): KnowledgeService {
  const service = createKnowledgeService(options);
  cleanups.push(() => service.close());
  return service;
}

describe("createKnowledgeService", () => {
  it("answers from the folder once ready", async () => {
    const { dir } = await folder(["The gas pipeline was due in 2014.", "Cricket is popular."]);
    const service = start({ dir, watch: false });
    await service.ready;
    expect(service.counts()).toMatchObject({ articles: 1, passages: 2 });
    expect(service.ask("pipeline").results[0]?.citation.docId).toBe("ties#1");
  });

  it("warms up by asking itself questions, neither counted nor heard as asked, and answers as before", async () => {
    const { dir } = await folder(["The gas pipeline was due in 2014.", "Cricket is popular."]);
    const service = start({ dir, watch: false });
    const heard: string[] = [];
    const metrics = { questions: { inc: vi.fn() }, answerSeconds: { observe: vi.fn() } };
    const counted = countAnswers(service, metrics as never, (question) => heard.push(question));
    await counted.ready;
    const before = counted.ask("pipeline");
    await counted.warmUp();
    expect(heard).toEqual(["pipeline"]);
    expect(metrics.questions.inc).toHaveBeenCalledTimes(1);
    expect(counted.ask("pipeline")).toEqual(before);
  });

  it("keeps the last good index serving when a reload fails, and says why", async () => {
    const { dir } = await folder(["The gas pipeline was due in 2014."]);
    const logger = recordingLogger();
    const service = start({ dir, watch: false, logger });
    await service.ready;
    await writeFile(path.join(dir, "aliases.yml"), "- [Bajwa, 3\n");
    const result = await service.reload();
    expect(result.ok).toBe(false);
    expect(result.error).toContain(path.join(dir, "aliases.yml"));
    expect(logger.text()).toContain("still serving the last good index");
    expect(service.ask("pipeline").results[0]?.citation.docId).toBe("ties#1");
  });

  it("picks up a changed folder by itself, within seconds", async () => {
    const { dir } = await folder(["The gas pipeline was due in 2014."]);
    const service = start({ dir, watch: true });
    await service.ready;
    await writeFile(
      path.join(dir, "articles", "more.txt"),
      articleText("More", ["Electricity is sold across the border."]),
    );
    await vi.waitFor(() => expect(service.counts().articles).toBe(2), {
      timeout: 10_000,
      interval: 100,
    });
    expect(service.ask("electricity").results[0]?.citation.docId).toBe("more#1");
  });

  it("keeps answering from the current index while a reload reads and indexes", async () => {
    const { dir } = await folder(["The gas pipeline was due in 2014."]);
    // A zero budget gives answers a turn after every step, which makes the count exact.
    const service = start({ dir, watch: false, reloadBudgetMs: 0 });
    await service.ready;
    for (let i = 0; i < 20; i++) {
      const paragraphs = Array.from({ length: 30 }, (_, p) => `Electricity deal ${i} clause ${p}.`);
      await writeFile(
        path.join(dir, "articles", `more-${i}.txt`),
        articleText(`More ${i}`, paragraphs),
      );
    }
    let turns = 0;
    let reloading = true;
    const answers: string[] = [];
    const turn = () => {
      turns++;
      answers.push(service.ask("pipeline").results[0]?.citation.docId ?? "none");
      if (reloading) setImmediate(turn);
    };
    setImmediate(turn);
    const result = await service.reload();
    reloading = false;
    expect(result).toMatchObject({ ok: true, counts: { articles: 21, passages: 601 } });
    // The event loop turned once per file read at least, answering each time from the old index.
    expect(turns).toBeGreaterThanOrEqual(20);
    expect(new Set(answers)).toEqual(new Set(["ties#1"]));
  });

  it("persists the index and loads it on the next start instead of rebuilding", async () => {
    const { dir } = await folder(["The gas pipeline was due in 2014."]);
    const cacheDir = await mkdtemp(path.join(tmpdir(), "iranpak-cache-"));
    cleanups.push(() => rm(cacheDir, { recursive: true, force: true }));
    const first = recordingLogger();
    await start({ dir, watch: false, cacheDir, logger: first }).ready;
    expect(first.text()).toContain("indexed 1 articles");
    expect((await readdir(cacheDir)).filter((n) => n.startsWith("index-"))).toHaveLength(1);
    const second = recordingLogger();
    const service = start({ dir, watch: false, cacheDir, logger: second });
    await service.ready;
    expect(second.text()).toContain("loaded the persisted index");
    expect(service.ask("pipeline").results[0]?.citation.docId).toBe("ties#1");
  });

  it("rejects ready with the file and line when the first load fails", async () => {
    const dir = await createKnowledgeDir({
      "articles/ties.txt": articleText("Ties", ["Some text."]),
      "aliases.yml": "- [A, B]\n- [b, c]\n",
    });
    cleanups.push(dir.remove);
    await expect(start({ dir: dir.dir, watch: false }).ready).rejects.toThrow(
      `${path.join(dir.dir, "aliases.yml")}:2`,
    );
  });
});
