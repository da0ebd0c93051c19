import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseArticle } from "../../src/knowledge/parse-article.ts";
import type { Article } from "../../src/knowledge/types.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import type { KnowledgeService } from "../../src/live-index/types.ts";
import {
  articleText,
  BORDER_FACT_YAML,
  createKnowledgeDir,
  type TempDir,
} from "../helpers/knowledge-dir.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function folder(): Promise<TempDir> {
  const dir = await createKnowledgeDir({
    "articles/ties.txt": articleText("Ties", [
      "Pakistan and Iran share a 959km border.",
      "The gas pipeline was due in 2014.",
    ]),
  });
  cleanups.push(dir.remove);
  return dir;
}

function start(dir: string, logger = recordingLogger()): KnowledgeService {
  const service = createKnowledgeService({ dir, watch: false, logger });
  cleanups.push(() => service.close());
  return service;
}

function article(rel: string, title: string, paragraphs: string[]): Article {
  const parsed = parseArticle({ path: rel, rel, text: articleText(title, paragraphs) });
  if (parsed.article === undefined) throw new Error(`${rel} does not parse`);
  return parsed.article;
}

describe("a knowledge service whose folder changes by a few articles", () => {
  it("adds, replaces and removes them as segments, not by reading the folder again", async () => {
    const { dir } = await folder();
    const logger = recordingLogger();
    const service = start(dir, logger);
    await service.ready;
    const file = path.join(dir, "articles", "port.txt");
    await writeFile(file, articleText("Port", ["The Chabahar port opened in 2016."]));
    expect(await service.reload()).toMatchObject({ ok: true, counts: { articles: 2 } });
    expect(service.ask("Chabahar port").results.map((r) => r.citation.docId)).toContain("port#1");
    await writeFile(file, articleText("Port", ["The Gwadar port is in Pakistan."]));
    await service.reload();
    expect(service.ask("Chabahar").confidence).toBe("none");
    expect(service.ask("Gwadar port").results.map((r) => r.citation.docId)).toContain("port#1");
    await rm(file);
    await service.reload();
    expect(service.counts().articles).toBe(1);
    expect(service.ask("Gwadar").confidence).toBe("none");
    expect(logger.text()).toContain("knowledge updated: 1 articles added or replaced, 0 removed");
    expect(logger.text()).toContain("knowledge updated: 0 articles added or replaced, 1 removed");
    expect(logger.text()).not.toContain("knowledge reloaded");
  });

  it("reads the folder in full when facts or aliases change", async () => {
    const { dir } = await folder();
    const logger = recordingLogger();
    const service = start(dir, logger);
    await service.ready;
    await writeFile(path.join(dir, "aliases.yml"), "- [Chabahar, Chahbahar]\n");
    expect(await service.reload()).toMatchObject({ ok: true });
    expect(logger.text()).toContain("knowledge reloaded");
  });

  it("reads the folder in full when a curated fact cites the changed article, and reports its problems", async () => {
    const { dir } = await folder();
    await mkdir(path.join(dir, "facts"));
    await writeFile(path.join(dir, "facts", "border.yml"), BORDER_FACT_YAML);
    const service = start(dir);
    await service.ready;
    await writeFile(path.join(dir, "articles", "ties.txt"), articleText("Ties", ["No border."]));
    const result = await service.reload();
    expect(result.ok).toBe(false);
    expect(result.error).toContain("border.yml");
    expect(service.status().state).toBe("degraded");
  });

  it("answers articles added and removed through its API, and refuses what only a full reload checks", async () => {
    const { dir } = await folder();
    const service = start(dir);
    await service.ready;
    const added = await service.addArticles([
      article("articles/rail.txt", "Rail", ["A railway to Zahedan was planned."]),
    ]);
    expect(added).toMatchObject({ ok: true, counts: { articles: 2, passages: 3 } });
    expect(service.ask("railway Zahedan").results[0]?.citation.docId).toBe("rail#1");
    const twice = await service.addArticles([
      article("articles/other.txt", "Other", ["Another railway."]),
      article("articles/more/other.txt", "Other", ["Yet another railway."]),
    ]);
    expect(twice.ok).toBe(false);
    expect(twice.error).toContain("there twice");
    expect(service.counts().articles).toBe(2);
    expect(await service.removeArticles(["rail"])).toMatchObject({ counts: { articles: 1 } });
    expect(service.ask("railway Zahedan").confidence).toBe("none");
  });
});
