import { createHash } from "node:crypto";
import { EXTRACTION_VERSION } from "./extraction-version.ts";
import type { KnowledgeFile } from "./knowledge-file.ts";

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * One hash over every file's relative path and text, fed file by file in path order (so that a
 * big folder is hashed a step at a time): equal hashes mean equal knowledge, wherever the
 * folder lives. NUL separators keep `a`+`bc` apart from `ab`+`c`.
 */
export function createKnowledgeHash(): { add(file: KnowledgeFile): void; digest(): string } {
  // The extracted facts are part of the knowledge: another extractor makes other knowledge
  // of the same files.
  const hash = createHash("sha256").update(`extraction ${EXTRACTION_VERSION}\0`);
  return {
    add: (file) => hash.update(`${file.rel}\0${file.text}\0`),
    digest: () => hash.digest("hex"),
  };
}

/** Files in a stable order (by relative path, then display path), whatever order they came in. */
export function sortFiles(files: readonly KnowledgeFile[]): KnowledgeFile[] {
  return [...files].sort((a, b) => compare(a.rel, b.rel) || compare(a.path, b.path));
}

/** Code-unit order, so that the result never depends on the locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
