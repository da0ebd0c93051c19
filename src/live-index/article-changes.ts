import { readFile } from "node:fs/promises";
import path from "node:path";
import { classifyFile } from "../knowledge/knowledge-file.ts";
import type { Article, KnowledgeBase } from "../knowledge/types.ts";
import type { ArticleChanges } from "../knowledge/update-knowledge.ts";
import type { FileStamp } from "./parsed-knowledge.ts";

/**
 * The articles that changed between two stampings of the knowledge folder, read and parsed;
 * undefined when something else changed (facts, aliases), a changed file does not parse
 * cleanly, or so many changed that reading the folder in full is as quick: the caller reloads
 * in full, which also reports any problem with its file and line.
 */
export async function readArticleChanges(
  dir: string,
  kb: KnowledgeBase,
  before: readonly FileStamp[],
  after: readonly FileStamp[],
  maxChanged = MAX_CHANGED_FILES,
): Promise<ArticleChanges | undefined> {
  const old = new Map(before.map((s) => [s.rel, s]));
  const now = new Map(after.map((s) => [s.rel, s]));
  const changed = after.filter((s) => !sameStamp(old.get(s.rel), s)).map((s) => s.rel);
  const gone = before.filter((s) => !now.has(s.rel)).map((s) => s.rel);
  if (changed.length + gone.length > maxChanged) return undefined;
  if ([...changed, ...gone].some((rel) => classifyFile(rel) !== "article")) return undefined;
  const byFile = new Map(kb.articles.map((a) => [a.file, a.id]));
  const removals = new Set<string>();
  for (const rel of [...changed, ...gone]) {
    const id = byFile.get(rel);
    if (id !== undefined) removals.add(id);
  }
  const upserts: Article[] = [];
  // Imported when an article changes: the parser (Markdown, YAML, schema) is a good share of
  // a start's module loading, and a start from the persisted index never parses.
  const { parseArticle } = await import("../knowledge/parse-article.ts");
  for (const rel of changed) {
    const file = path.join(dir, rel);
    const text = await readFile((now.get(rel) as FileStamp).real, "utf8").catch(() => undefined);
    if (text === undefined) return undefined;
    const parsed = parseArticle({ path: file, rel, text });
    if (parsed.article === undefined || parsed.problems.length > 0) return undefined;
    upserts.push(parsed.article);
    removals.delete(parsed.article.id);
  }
  return { upserts, removals: [...removals] };
}

/** More changed files than this and a full reload (in the worker) is the better way. */
const MAX_CHANGED_FILES = 50;

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return (
    a !== undefined &&
    a.real === b.real &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs
  );
}
