import { constants } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { KnowledgeError, type Problem } from "../errors.ts";
import type { CooperativeOptions } from "../util/cooperative.ts";
import { buildKnowledgeBaseAsync } from "./build-knowledge-base.ts";
import { classifyFile, type KnowledgeFile } from "./knowledge-file.ts";
import { ignoreVanished, listKnowledgeTree, type TreeFile } from "./knowledge-tree.ts";
import type { KnowledgeBase } from "./types.ts";

/** How many files are read at once: enough to keep the disk busy, few enough for any fd limit. */
const READ_CONCURRENCY = 64;

/** Reads and checks the knowledge folder `dir`; errors name files as `path.join(dir, rel)`. */
export async function loadKnowledge(
  dir: string,
  options: Partial<CooperativeOptions> = {},
): Promise<KnowledgeBase> {
  const { files, problems } = await readKnowledgeFolder(dir);
  // Refused links are reported with the files' own problems, all at once.
  const knowledge = await buildKnowledgeBaseAsync(files, options).catch((error: unknown) => {
    if (problems.length > 0 && error instanceof KnowledgeError)
      throw new KnowledgeError([...problems, ...error.problems]);
    throw error;
  });
  if (problems.length > 0) throw new KnowledgeError(problems);
  if (knowledge.articles.length === 0) {
    throw new KnowledgeError([
      { file: dir, message: "no articles (*.md or *.txt) in the knowledge folder" },
    ]);
  }
  return knowledge;
}

/**
 * The files of the knowledge folder that knowledge is built from (articles, facts, aliases),
 * skipping dotfiles and node_modules. Enough to hash the folder without parsing it. Throws a
 * `KnowledgeError` for links it refuses to follow (see `listKnowledgeTree`).
 */
export async function readKnowledgeFiles(dir: string): Promise<KnowledgeFile[]> {
  const { files, problems } = await readKnowledgeFolder(dir);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return files;
}

async function readKnowledgeFolder(
  dir: string,
): Promise<{ files: KnowledgeFile[]; problems: Problem[] }> {
  await assertFolder(dir);
  const tree = await listKnowledgeTree(dir);
  const wanted = tree.files.filter((file) => classifyFile(file.rel) !== "ignored");
  const files: KnowledgeFile[] = [];
  for (let i = 0; i < wanted.length; i += READ_CONCURRENCY) {
    const batch = await Promise.all(
      wanted.slice(i, i + READ_CONCURRENCY).map((file) => readOne(dir, file)),
    );
    for (const file of batch) if (file !== undefined) files.push(file);
  }
  return { files, problems: tree.problems };
}

async function assertFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === "ENOENT" ? "not found" : `cannot be read (${error.code})`;
    throw new KnowledgeError([{ file: dir, message: `knowledge folder ${reason}` }]);
  });
  if (!info.isDirectory())
    throw new KnowledgeError([{ file: dir, message: "knowledge folder is not a folder" }]);
}

/** Not following a link here: a file swapped for one since listing is the next reload's business. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW;

async function readOne(dir: string, file: TreeFile): Promise<KnowledgeFile | undefined> {
  const text = await readFile(file.real, { encoding: "utf8", flag: READ_FLAGS }).catch(
    (error: NodeJS.ErrnoException) => (error.code === "ELOOP" ? undefined : ignoreVanished(error)),
  );
  return text === undefined ? undefined : { path: path.join(dir, file.rel), rel: file.rel, text };
}
