import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { createKnowledgeHash, sortFiles } from "../knowledge/hash.ts";
import type { KnowledgeFile } from "../knowledge/knowledge-file.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { type CooperativeOptions, runStepsCooperatively, type Steps } from "../util/cooperative.ts";
import { removeOthers } from "./index-cache.ts";
import { writeLinesAtomically } from "./write-lines.ts";

/**
 * The last good knowledge, kept beside the persisted index so that a start with a broken
 * folder can serve what was served before. It holds the source files, not the parsed
 * knowledge: parsed again by the running version, they give exactly the knowledge that version
 * would build, and their hash proves the snapshot whole.
 */
const PREFIX = "knowledge-";
const SNAPSHOT_VERSION = 1;

interface SnapshotHeader {
  version: number;
  hash: string;
  files: number;
}

type SnapshotLine = Pick<KnowledgeFile, "rel" | "text">;

export interface KnowledgeSnapshot {
  kb: KnowledgeBase;
  /** When it was saved: when this knowledge was last known good. */
  savedAt: Date;
}

function fileFor(dir: string, hash: string): string {
  return path.join(dir, `${PREFIX}${hash.slice(0, 32)}.jsonl`);
}

/**
 * Saves the files of `knowledgeDir` as the last good knowledge, if they are still those `kb`
 * was built from (a folder edited since is saved by the reload that follows), and removes
 * older snapshots. Returns whether the snapshot for `kb` is now on disk. Knowledge grown
 * article by article has a hash of its own, not the files': `unchanged` then says whether
 * the files read are still those it serves.
 */
export async function saveKnowledgeSnapshot(
  cacheDir: string,
  knowledgeDir: string,
  kb: KnowledgeBase,
  options: Partial<CooperativeOptions> = {},
  unchanged?: () => Promise<boolean>,
): Promise<boolean> {
  if (await exists(fileFor(cacheDir, kb.hash))) return true;
  // Reading and hashing every file takes seconds at 100k passages: not for knowledge that no
  // longer serves.
  if (unchanged !== undefined && !(await unchanged())) return false;
  // Imported when needed: a start that finds the snapshot saved skips the parsing code.
  const { readKnowledgeFiles } = await import("../knowledge/load.ts");
  const files = sortFiles(await readKnowledgeFiles(knowledgeDir));
  const hash = await runStepsCooperatively(hashSteps(files), options);
  if (unchanged === undefined ? hash !== kb.hash : !(await unchanged())) return false;
  // Named by the knowledge it serves, not its files' hash: a start serving grown knowledge
  // then finds it saved, instead of reading and hashing every file again.
  const target = fileFor(cacheDir, kb.hash);
  await mkdir(cacheDir, { recursive: true });
  await writeLinesAtomically(target, snapshotLines(hash, files));
  await removeOthers(cacheDir, PREFIX, target);
  return true;
}

/** The knowledge hash of `files` a file a step: 100,000 passages take tens of milliseconds. */
function* hashSteps(files: readonly KnowledgeFile[]): Steps<string> {
  const hash = createKnowledgeHash();
  for (const file of files) {
    hash.add(file);
    yield;
  }
  return hash.digest();
}

function* snapshotLines(hash: string, files: readonly KnowledgeFile[]): Generator<string> {
  const header: SnapshotHeader = { version: SNAPSHOT_VERSION, hash, files: files.length };
  yield JSON.stringify(header);
  for (const { rel, text } of files) yield JSON.stringify({ rel, text } satisfies SnapshotLine);
}

/**
 * The last good knowledge saved in `cacheDir`, parsed as if read from `knowledgeDir`; undefined
 * when there is none. Throws when the snapshot is damaged or no longer parses.
 */
export async function readKnowledgeSnapshot(
  cacheDir: string,
  knowledgeDir: string,
  options: Partial<CooperativeOptions> = {},
): Promise<KnowledgeSnapshot | undefined> {
  const file = await newestSnapshot(cacheDir);
  if (file === undefined) return undefined;
  const text = await readFile(file.path, "utf8");
  const [first = "", ...rest] = text.split("\n");
  const header = JSON.parse(first) as Partial<SnapshotHeader>;
  if (header.version !== SNAPSHOT_VERSION) return undefined;
  const files = rest
    .filter((line) => line !== "")
    .map((line) => {
      const { rel, text } = JSON.parse(line) as SnapshotLine;
      return { rel, text, path: path.join(knowledgeDir, rel) };
    });
  const { buildKnowledgeBaseAsync } = await import("../knowledge/build-knowledge-base.ts");
  const kb = await buildKnowledgeBaseAsync(files, options);
  if (kb.hash !== header.hash || files.length !== header.files) {
    throw new Error(`${file.path} is damaged: its files do not hash to the knowledge it names`);
  }
  return { kb, savedAt: new Date(file.mtime) };
}

/** Normally the only one; after a crash between saving and cleaning up, the newer. */
async function newestSnapshot(
  cacheDir: string,
): Promise<{ path: string; mtime: number } | undefined> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  const candidates = await Promise.all(
    names
      .filter((name) => name.startsWith(PREFIX) && name.endsWith(".jsonl"))
      .map(async (name) => {
        const file = path.join(cacheDir, name);
        return { path: file, mtime: (await stat(file)).mtimeMs };
      }),
  );
  return candidates.sort((a, b) => b.mtime - a.mtime)[0];
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
