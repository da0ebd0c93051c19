/**
 * One file of the knowledge folder, as text. `rel` decides what the file is (see `classifyFile`);
 * `path` is only how errors name it, e.g. `knowledge/facts/pipeline.yml` for a folder given as
 * `knowledge`.
 */
export interface KnowledgeFile {
  /** Display path used in error messages. */
  path: string;
  /** Path relative to the knowledge folder, with `/` separators: `articles/pakistan-iran.txt`. */
  rel: string;
  text: string;
}

export type FileKind = "article" | "facts" | "aliases" | "ignored";

const ARTICLE_EXTENSIONS = [".md", ".txt"];
const YAML_EXTENSIONS = [".yml", ".yaml"];

/**
 * What a file is, from its path relative to the knowledge folder: `aliases.yml` at the top,
 * YAML under `facts/`, and every other `.md`/`.txt` except `README.md` is an article.
 */
export function classifyFile(rel: string): FileKind {
  if (rel === "aliases.yml") return "aliases";
  const underFacts = rel.startsWith("facts/");
  if (underFacts) return hasExtension(rel, YAML_EXTENSIONS) ? "facts" : "ignored";
  if (!hasExtension(rel, ARTICLE_EXTENSIONS)) return "ignored";
  return baseName(rel).toLowerCase() === "readme.md" ? "ignored" : "article";
}

/** The file name without folders: `articles/a.txt` → `a.txt`. */
export function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf("/") + 1);
}

/** The file name without folders and extension: `facts/pipeline.yml` → `pipeline`. */
export function fileStem(rel: string): string {
  const name = baseName(rel);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

function hasExtension(rel: string, extensions: readonly string[]): boolean {
  const lower = rel.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext));
}
