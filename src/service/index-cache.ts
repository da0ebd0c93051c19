import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { SearchIndex } from "../search/build-index.ts";
import { deserializeIndex, serializeIndex } from "../search/persist-index.ts";

const PREFIX = "index-";

function fileFor(dir: string, hash: string): string {
  return path.join(dir, `${PREFIX}${hash.slice(0, 32)}.json`);
}

/** The persisted index for exactly this knowledge, or undefined (missing, stale or unreadable). */
export async function readCachedIndex(
  dir: string,
  kb: KnowledgeBase,
): Promise<SearchIndex | undefined> {
  const json = await readFile(fileFor(dir, kb.hash), "utf8").catch(() => undefined);
  if (json === undefined) return undefined;
  try {
    return deserializeIndex(json, kb);
  } catch {
    return undefined;
  }
}

/** Writes the index atomically (temp file, then rename) and removes indexes of older knowledge. */
export async function writeCachedIndex(dir: string, index: SearchIndex): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = fileFor(dir, index.kb.hash);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, serializeIndex(index));
  await rename(temp, target);
  const stale = (await readdir(dir)).filter(
    (name) => name.startsWith(PREFIX) && path.join(dir, name) !== target,
  );
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
  return target;
}
