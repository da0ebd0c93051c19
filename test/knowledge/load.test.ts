import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KnowledgeError } from "../../src/errors.ts";
import { loadKnowledge, readKnowledgeFiles } from "../../src/knowledge/load.ts";

const repoKnowledge = fileURLToPath(new URL("../../knowledge", import.meta.url));
const seedPath = path.join(repoKnowledge, "articles/pakistan-iran.txt");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "iranpak-knowledge-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
}

describe("loadKnowledge", () => {
  it("loads the seed article unchanged as pakistan-iran#1 to #16", async () => {
    await put("articles/pakistan-iran.txt", await readFile(seedPath, "utf8"));
    const knowledge = await loadKnowledge(dir);
    const [article] = knowledge.articles;
    expect(article?.title).toBe("Pakistan and Iran Move Closer to Deepen Ties");
    expect(knowledge.passages.map((p) => p.id)).toEqual(
      Array.from({ length: 16 }, (_, i) => `pakistan-iran#${i + 1}`),
    );
    expect(knowledge.passages[12]?.text).toContain("the illegal drug trade along the 959km border");
    expect(article?.lead).toBe(knowledge.passages[0]?.text);
  });

  it("loads the repository's knowledge folder without problems", async () => {
    const knowledge = await loadKnowledge(repoKnowledge);
    expect(knowledge.articles.map((a) => a.id)).toContain("pakistan-iran");
    for (const fact of knowledge.facts) {
      expect(knowledge.passages.some((p) => p.id === `${fact.article}#${fact.paragraph}`)).toBe(
        true,
      );
    }
  });

  it("names files in errors by the folder as given", async () => {
    await put("articles/a.txt", "A\n\nText.\n");
    await put("facts/f.yml", "- subject: s\n");
    await expect(loadKnowledge(dir)).rejects.toThrow(
      `${path.join(dir, "facts/f.yml")}:1: fact is missing "attribute"`,
    );
  });

  it("refuses a missing folder, naming it", async () => {
    const missing = path.join(dir, "nope");
    const error = await loadKnowledge(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).problems).toEqual([
      { file: missing, message: "knowledge folder not found" },
    ]);
  });

  it("refuses a folder without articles", async () => {
    await put("facts/empty.yml", "");
    await expect(loadKnowledge(dir)).rejects.toThrow(
      `${dir}: no articles (*.md or *.txt) in the knowledge folder`,
    );
  });

  it("reads nested folders and skips dotfiles, node_modules and unrelated files", async () => {
    await put("articles/2019/a.txt", "A\n\nText.\n");
    await put(".git/x.txt", "broken");
    await put("articles/.a.txt.swp", "broken");
    await put("node_modules/pkg/readme.txt", "broken");
    await put("images/map.png", "binary");
    const files = await readKnowledgeFiles(dir);
    expect(files).toEqual([
      {
        path: path.join(dir, "articles/2019/a.txt"),
        rel: "articles/2019/a.txt",
        text: "A\n\nText.\n",
      },
    ]);
  });

  it("keeps passage ids and article hashes when an unrelated file changes", async () => {
    await put("articles/a.txt", "A\n\nOne.\n\nTwo.\n");
    await put("articles/b.txt", "B\n\nBee.\n");
    const before = await loadKnowledge(dir);
    await put("articles/b.txt", "B\n\nBee, changed.\n\nAnd more.\n");
    const after = await loadKnowledge(dir);
    const a = (k: typeof before) => k.articles.find((x) => x.id === "a");
    expect(a(after)).toEqual(a(before));
    expect(after.passages.map((p) => p.id)).toEqual(["a#1", "a#2", "b#1", "b#2"]);
    expect(after.hash).not.toBe(before.hash);
  });
});

describe("loadKnowledge with links", () => {
  let outside: string;
  beforeEach(async () => {
    outside = await mkdtemp(path.join(os.tmpdir(), "iranpak-outside-"));
    await writeFile(path.join(outside, "secret.txt"), "Secret\n\nroot:x:0:0\n");
  });
  afterEach(async () => {
    await rm(outside, { recursive: true, force: true });
  });

  it("refuses a link to a file outside the folder, naming the link and not reading it", async () => {
    await put("articles/a.txt", "A\n\nText.\n");
    await symlink(path.join(outside, "secret.txt"), path.join(dir, "articles/passwd.txt"));
    const error = await loadKnowledge(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).problems).toEqual([
      {
        file: path.join(dir, "articles/passwd.txt"),
        message: `is a link to ${await realpath(path.join(outside, "secret.txt"))}, outside the knowledge folder: not read (copy the file in instead)`,
      },
    ]);
    expect((error as Error).message).not.toContain("root:x");
  });

  it("refuses a linked folder outside, with the other files' problems", async () => {
    await put("articles/a.txt", "A\n\nText.\n");
    await put("facts/f.yml", "- subject: s\n");
    await symlink(outside, path.join(dir, "articles/shared"));
    const error = await loadKnowledge(dir).catch((caught: unknown) => caught);
    const files = new Set((error as KnowledgeError).problems.map((p) => p.file));
    expect([...files]).toEqual([path.join(dir, "articles/shared"), path.join(dir, "facts/f.yml")]);
  });

  it("lets a link outside be when it is a file the loader would not read", async () => {
    await put("articles/a.txt", "A\n\nText.\n");
    await symlink(path.join(outside, "secret.txt"), path.join(dir, "map.png"));
    expect((await loadKnowledge(dir)).articles.map((a) => a.id)).toEqual(["a"]);
  });

  it("follows links inside the folder and reads each real folder once", async () => {
    await put("drafts/b.txt", "B\n\nBee.\n");
    await put("articles/a.txt", "A\n\nText.\n");
    await symlink("a.txt", path.join(dir, "articles/a-again.md"));
    await symlink("../drafts", path.join(dir, "articles/linked"));
    await symlink("..", path.join(dir, "articles/loop"));
    const files = await readKnowledgeFiles(dir);
    expect(files.map((f) => f.rel)).toEqual([
      "articles/a-again.md",
      "articles/a.txt",
      "articles/linked/b.txt",
    ]);
    expect(files[0]?.text).toBe("A\n\nText.\n");
  });

  it("skips a link that leads nowhere", async () => {
    await put("articles/a.txt", "A\n\nText.\n");
    await symlink("gone.txt", path.join(dir, "articles/dangling.txt"));
    expect((await readKnowledgeFiles(dir)).map((f) => f.rel)).toEqual(["articles/a.txt"]);
  });
});
