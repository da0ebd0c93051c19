/**
 * Temporary knowledge folders for tests: `articles/<id>.txt` (title, blank line, paragraphs
 * separated by blank lines), optional `facts/*.yml` and `aliases.yml`.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface TempDir {
  dir: string;
  remove(): Promise<void>;
}

/** An article file's text from its title and paragraphs. */
export function articleText(title: string, paragraphs: readonly string[]): string {
  return `${title}\n\n${paragraphs.join("\n\n")}\n`;
}

/** Writes `files` (path relative to the folder → content) into a new temporary folder. */
export async function createKnowledgeDir(files: Record<string, string>): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), "iranpak-knowledge-"));
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content, "utf8");
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** `facts/*.yml` text with one fact quoting "a 959km border" from paragraph 1 of `ties`. */
export const BORDER_FACT_YAML = [
  "- id: border-length",
  "  subject: Iran–Pakistan border",
  "  attribute: length",
  "  value: 959",
  "  unit: km",
  "  source: ties#1",
  '  quote: "a 959km border"',
  "",
].join("\n");
