import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { SearchIndex } from "../search/build-index.ts";
import { deserializeIndex, serializeIndex } from "../search/persist-index.ts";

const PREFIX = "index-";

function fileFor(dir: string, hash: string): string {
  return path.join(dir, `${PREFIX}${hash.slice(0, 32)}.jsonl`);
}

/** The persisted index for exactly this knowledge, or undefined (missing, stale or unreadable). */
export async function readCachedIndex(
  dir: string,
  kb: KnowledgeBase,
): Promise<SearchIndex | undefined> {
  const text = await readFile(fileFor(dir, kb.hash), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return deserializeIndex(text.split("\n"), kb);
  } catch {
    return undefined;
  }
}

/**
 * Writes the index line by line (waiting when the disk is behind, so a running bot keeps
 * answering), atomically (temp file, then rename), and removes indexes of older knowledge.
 */
export async function writeCachedIndex(dir: string, index: SearchIndex): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = fileFor(dir, index.kb.hash);
  const temp = `${target}.${process.pid}.tmp`;
  const out = createWriteStream(temp);
  try {
    for (const line of serializeIndex(index)) {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
  await rename(temp, target);
  const stale = (await readdir(dir)).filter(
    (name) => name.startsWith(PREFIX) && path.join(dir, name) !== target,
  );
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
  return target;
}
