import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { KnowledgeError } from "../errors.ts";
import type { CooperativeOptions } from "../steps.ts";
import { buildKnowledgeBaseAsync } from "./build-knowledge-base.ts";
import { classifyFile, type KnowledgeFile } from "./knowledge-file.ts";
import type { KnowledgeBase } from "./types.ts";

/** How many files are read at once: enough to keep the disk busy, few enough for any fd limit. */
const READ_CONCURRENCY = 64;

/** Reads and checks the knowledge folder `dir`; errors name files as `path.join(dir, rel)`. */
export async function loadKnowledge(
  dir: string,
  options: Partial<CooperativeOptions> = {},
): Promise<KnowledgeBase> {
  const knowledge = await buildKnowledgeBaseAsync(await readKnowledgeFiles(dir), options);
  if (knowledge.articles.length === 0) {
    throw new KnowledgeError([
      { file: dir, message: "no articles (*.md or *.txt) in the knowledge folder" },
    ]);
  }
  return knowledge;
}

/**
 * The files of the knowledge folder that knowledge is built from (articles, facts, aliases),
 * skipping dotfiles and node_modules. Enough to hash the folder without parsing it.
 */
export async function readKnowledgeFiles(dir: string): Promise<KnowledgeFile[]> {
  await assertFolder(dir);
  const rels = (await listFiles(dir, "")).filter((rel) => classifyFile(rel) !== "ignored");
  const files: KnowledgeFile[] = [];
  for (let i = 0; i < rels.length; i += READ_CONCURRENCY) {
    const batch = await Promise.all(
      rels.slice(i, i + READ_CONCURRENCY).map((rel) => readOne(dir, rel)),
    );
    for (const file of batch) if (file !== undefined) files.push(file);
  }
  return files;
}

async function assertFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === "ENOENT" ? "not found" : `cannot be read (${error.code})`;
    throw new KnowledgeError([{ file: dir, message: `knowledge folder ${reason}` }]);
  });
  if (!info.isDirectory())
    throw new KnowledgeError([{ file: dir, message: "knowledge folder is not a folder" }]);
}

/** Relative paths (with `/`) of the files under `dir/rel`. */
async function listFiles(dir: string, rel: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(ignoreVanished);
  const found: string[] = [];
  for (const entry of entries ?? []) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
    const kind = entry.isSymbolicLink() ? await kindOfLink(path.join(dir, child)) : entry;
    if (kind?.isDirectory()) found.push(...(await listFiles(dir, child)));
    else if (kind?.isFile()) found.push(child);
  }
  return found;
}

async function kindOfLink(target: string) {
  return stat(target).catch(ignoreVanished);
}

async function readOne(dir: string, rel: string): Promise<KnowledgeFile | undefined> {
  const filePath = path.join(dir, rel);
  const text = await readFile(filePath, "utf8").catch(ignoreVanished);
  return text === undefined ? undefined : { path: filePath, rel, text };
}

/** A file deleted between listing and reading (an editor saving, a sync) is simply not there. */
function ignoreVanished(error: NodeJS.ErrnoException): undefined {
  if (error.code === "ENOENT") return undefined;
  throw error;
}
