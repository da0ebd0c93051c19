import { mkdtemp, readdir, readFile, rm, truncate, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EXTRACTION_VERSION } from "../../src/knowledge/extraction-version.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import {
  PARSED_VERSION,
  readParsedKnowledge,
  saveParsedKnowledge,
  stampKnowledgeFolder,
} from "../../src/live-index/parsed-knowledge.ts";
import { articleText, BORDER_FACT_YAML, createKnowledgeDir } from "../helpers/knowledge-dir.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const folder = await createKnowledgeDir({
    "articles/ties.txt": articleText("Ties", [
      "Pakistan and Iran share a 959km border.",
      "The gas pipeline was due in 2014. It is 2,775km long.",
    ]),
    "articles/other.txt": articleText("Other", ["Iran sold 1,000 megawatts to Pakistan."]),
    "facts/border.yml": BORDER_FACT_YAML,
    "aliases.yml": "- [Pakistan, PK]\n",
  });
  const cacheDir = await mkdtemp(path.join(tmpdir(), "iranpak-cache-"));
  cleanups.push(folder.remove, () => rm(cacheDir, { recursive: true, force: true }));
  return { dir: folder.dir, cacheDir };
}

async function saved(dir: string, cacheDir: string) {
  const stamps = await stampKnowledgeFolder(dir);
  if (stamps === undefined) throw new Error("the folder could not be stamped");
  const kb = await loadKnowledge(dir);
  await saveParsedKnowledge(cacheDir, stamps, kb);
  return kb;
}

/** Saves the folder's knowledge as parsed; the file it is in. */
async function savedFile(dir: string, cacheDir: string): Promise<string> {
  await saved(dir, cacheDir);
  const [name = ""] = (await readdir(cacheDir)).filter((n) => n.startsWith("parsed-"));
  return path.join(cacheDir, name);
}

async function readBack(dir: string, cacheDir: string) {
  return readParsedKnowledge(cacheDir, (await stampKnowledgeFolder(dir)) ?? []);
}

describe("the parsed knowledge", () => {
  it("reads back exactly the knowledge it was saved from, while no file changes", async () => {
    const { dir, cacheDir } = await setUp();
    const kb = await saved(dir, cacheDir);
    const read = await readBack(dir, cacheDir);
    expect(read).toEqual(kb);
    // Conflicts and passages point at the knowledge's own facts and articles' passages.
    expect(read?.passages[0]).toBe(read?.articles[0]?.passages[0]);
  });

  it("is not used once a file is rewritten, even to the same size and time", async () => {
    const { dir, cacheDir } = await setUp();
    await saved(dir, cacheDir);
    const file = path.join(dir, "articles/ties.txt");
    const when = new Date("2020-01-01T00:00:00Z");
    await utimes(file, when, when);
    const stamped = await stampKnowledgeFolder(dir);
    await writeFile(
      file,
      articleText("Ties", [
        "Pakistan and Iran share a 909km border.",
        "The gas pipeline was due in 2014. It is 2,775km long.",
      ]),
    );
    await utimes(file, when, when);
    expect(await readBack(dir, cacheDir)).toBeUndefined();
    expect(stamped).not.toEqual(await stampKnowledgeFolder(dir));
  });

  it("reads back texts beyond Latin-1 between others, each exactly", async () => {
    const { dir, cacheDir } = await setUp();
    await writeFile(
      path.join(dir, "articles/names.txt"),
      articleText("Names", ["Pakistan (پاکستان) and Iran (ایران) meet at Taftan.", "Trade grew."]),
    );
    const kb = await saved(dir, cacheDir);
    const read = await readBack(dir, cacheDir);
    expect(read).toEqual(kb);
    expect(read?.passages.map((p) => p.text)).toContain(
      "Pakistan (پاکستان) and Iran (ایران) meet at Taftan.",
    );
  });

  it.each([
    ["texts", (text: string) => text.indexOf("Pakistan and Iran share")],
    ["passages", (text: string) => text.indexOf('{"passagesBlock"') + 80],
    ["facts", (text: string) => text.indexOf('{"factsBlock"') + 200],
  ])("cut short in its %s is not used", async (_, cutAt) => {
    const { dir, cacheDir } = await setUp();
    const file = await savedFile(dir, cacheDir);
    await truncate(file, cutAt(await readFile(file, "latin1")));
    expect(await readBack(dir, cacheDir)).toBeUndefined();
  });

  it("is not used when it was written by another version", async () => {
    const { dir, cacheDir } = await setUp();
    const file = await savedFile(dir, cacheDir);
    const text = await readFile(file, "utf8");
    await writeFile(
      file,
      text.replace(`"version":${PARSED_VERSION},`, `"version":${PARSED_VERSION - 1},`),
    );
    expect(await readBack(dir, cacheDir)).toBeUndefined();
  });

  it("is not used when a file is added or removed", async () => {
    const { dir, cacheDir } = await setUp();
    await saved(dir, cacheDir);
    await writeFile(path.join(dir, "articles/new.txt"), articleText("New", ["Trade grew."]));
    expect(await readBack(dir, cacheDir)).toBeUndefined();
    await rm(path.join(dir, "articles/new.txt"));
    await rm(path.join(dir, "articles/other.txt"));
    expect(await readBack(dir, cacheDir)).toBeUndefined();
  });
});

describe("a restart of the bot", () => {
  it("on an unchanged folder serves the same answers from the parsed knowledge", async () => {
    const { dir, cacheDir } = await setUp();
    const first = createKnowledgeService({ dir, cacheDir, watch: false });
    await first.ready;
    await first.close();
    expect((await readdir(cacheDir)).filter((n) => n.startsWith("parsed-"))).toHaveLength(1);
    const again = createKnowledgeService({ dir, cacheDir, watch: false });
    await again.ready;
    await again.close();
    expect(again.knowledge()).toEqual(first.knowledge());
    expect(again.ask("How long is the border?")).toEqual(first.ask("How long is the border?"));
  });

  it("over parsed knowledge of the layout before texts were kept apart, reads the folder and rewrites it", async () => {
    const { dir, cacheDir } = await setUp();
    const stamps = (await stampKnowledgeFolder(dir)) ?? [];
    const kb = await loadKnowledge(dir);
    // Version 2 kept each passage's text in its article's line: read as the current version,
    // every passage would have no text.
    const lines = [
      {
        version: 2,
        extraction: EXTRACTION_VERSION,
        hash: kb.hash,
        stamps,
        counts: { articles: kb.articles.length, facts: 0, lines: kb.articles.length + 1 },
      },
      ...kb.articles.map(({ passages, ...article }) => ({
        article,
        passages: passages.map((p) => [p.id, p.n, p.line, p.text]),
      })),
      { aliases: kb.aliases, conflicts: [] },
    ];
    const old = path.join(cacheDir, `parsed-${kb.hash.slice(0, 32)}.jsonl`);
    await writeFile(old, lines.map((line) => JSON.stringify(line)).join("\n"));
    const service = createKnowledgeService({ dir, cacheDir, watch: false });
    await service.ready;
    await service.close();
    expect(service.knowledge()).toEqual(kb);
    expect(JSON.parse((await readFile(old, "utf8")).split("\n")[0] ?? "").version).toBe(
      PARSED_VERSION,
    );
  });

  it("over parsed knowledge of the layout with facts as JSON lines, reads the folder and rewrites it", async () => {
    const { dir, cacheDir } = await setUp();
    const file = await savedFile(dir, cacheDir);
    const kb = await loadKnowledge(dir);
    // Version 4 wrote the facts as JSON lines of string tables: the same file with such a line
    // in place of its blocks, read as the current version, would have no facts.
    const text = await readFile(file, "latin1");
    const factsAt = text.indexOf('{"factsBlock"');
    const restAt = text.lastIndexOf('\n{"aliases"') + 1;
    const factsLine = JSON.stringify({ strings: [], facts: [] });
    await writeFile(
      file,
      `${text.slice(0, factsAt).replace(`"version":${PARSED_VERSION},`, '"version":4,')}${factsLine}\n${text.slice(restAt)}`,
      "latin1",
    );
    const service = createKnowledgeService({ dir, cacheDir, watch: false });
    await service.ready;
    await service.close();
    expect(service.knowledge()).toEqual(kb);
    expect(service.knowledge().facts.length).toBeGreaterThan(0);
    const rewritten = await readFile(file, "latin1");
    expect(JSON.parse(rewritten.split("\n")[0] ?? "").version).toBe(PARSED_VERSION);
    expect(rewritten).toContain('{"factsBlock"');
  });

  it("after a file changed while it was down, serves the file as it is now", async () => {
    const { dir, cacheDir } = await setUp();
    const first = createKnowledgeService({ dir, cacheDir, watch: false });
    await first.ready;
    await first.close();
    await writeFile(
      path.join(dir, "articles/other.txt"),
      articleText("Other", ["Iran sold 2,000 megawatts to Pakistan."]),
    );
    const again = createKnowledgeService({ dir, cacheDir, watch: false });
    await again.ready;
    await again.close();
    const [result] = again.ask("How many megawatts did Iran sell?").results;
    expect(result?.passage).toContain("2,000 megawatts");
  });
});
