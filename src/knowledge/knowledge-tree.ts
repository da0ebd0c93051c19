import type { Dirent, Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../errors.ts";
import { createGiveWay, DEFAULT_COOPERATIVE_OPTIONS } from "../util/cooperative.ts";
import { compare } from "./hash.ts";
import { classifyFile } from "./knowledge-file.ts";

/** A file found in the knowledge folder. */
export interface TreeFile {
  /** Path relative to the knowledge folder, with `/`: how the loader classifies and names it. */
  rel: string;
  /** Where it really is, links resolved: what is read, so a link swapped later is not followed. */
  real: string;
}

/** What the knowledge folder holds, links followed where that is safe. */
export interface KnowledgeTree {
  /** Every file (of any kind) in a stable order, skipping dotfiles and node_modules. */
  files: TreeFile[];
  /**
   * Real paths of the folders whose entries decide what `files` holds: every folder read, and
   * the folder of every linked file's target. Watching these sees every change to `files`.
   */
  folders: string[];
  /** Links that are not followed, each naming the link: knowledge problems. */
  problems: Problem[];
}

/**
 * Lists the knowledge folder `dir` (which must exist). Links are followed when they resolve inside
 * the folder, so a link can neither read nor reveal anything outside it (`/etc/passwd`); a link
 * leading outside is a problem naming the link, unless it is a file the loader would not read
 * anyway. Each real folder is read once, so a link back to a parent cannot loop. Problems name
 * files as `path.join(dir, rel)`.
 */
export async function listKnowledgeTree(
  dir: string,
  budgetMs = DEFAULT_COOPERATIVE_OPTIONS.budgetMs,
): Promise<KnowledgeTree> {
  const root = await realpath(dir);
  // Thousands of entries in one folder are a long loop: answers get a turn every `budgetMs`.
  const giveWay = createGiveWay(budgetMs);
  const tree: KnowledgeTree = { files: [], folders: [], problems: [] };
  const seen = new Set<string>([root]);
  const folders = new Set<string>([root]);

  const walk = async (rel: string, real: string): Promise<void> => {
    const entries = (await readdir(real, { withFileTypes: true }).catch(ignoreVanished)) ?? [];
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      await giveWay();
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      const target = await resolveEntry(entry, path.join(real, entry.name));
      if (target === undefined) continue;
      if ("problem" in target) {
        tree.problems.push({ file: path.join(dir, childRel), message: target.problem });
      } else if (!isInside(root, target.real)) {
        if (target.info.isFile() && classifyFile(childRel) === "ignored") continue;
        tree.problems.push({
          file: path.join(dir, childRel),
          message: `is a link to ${target.real}, outside the knowledge folder: not read (copy the file in instead)`,
        });
      } else if (target.info.isDirectory()) {
        if (seen.has(target.real)) continue;
        seen.add(target.real);
        folders.add(target.real);
        await walk(childRel, target.real);
      } else if (target.info.isFile()) {
        tree.files.push({ rel: childRel, real: target.real });
        folders.add(path.dirname(target.real));
      }
    }
  };

  await walk("", root);
  tree.folders = [...folders].sort(compare);
  return tree;
}

type Resolved = { real: string; info: Pick<Stats, "isFile" | "isDirectory"> } | { problem: string };

/** Where an entry leads and what it is there; undefined when it vanished or is a dangling link. */
async function resolveEntry(entry: Dirent, full: string): Promise<Resolved | undefined> {
  if (!entry.isSymbolicLink()) return { real: full, info: entry };
  try {
    const real = await realpath(full);
    return { real, info: await stat(real) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    return { problem: `is a link that cannot be followed (${code})` };
  }
}

function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** A file deleted between listing and reading (an editor saving, a sync) is simply not there. */
export function ignoreVanished(error: NodeJS.ErrnoException): undefined {
  if (error.code === "ENOENT") return undefined;
  throw error;
}
