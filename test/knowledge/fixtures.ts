import { formatProblem, KnowledgeError } from "../../src/errors.ts";
import type { KnowledgeFile } from "../../src/knowledge/knowledge-file.ts";

/** A file of a knowledge folder given as `knowledge`, e.g. `file("facts/a.yml", "...")`. */
export function file(rel: string, text: string): KnowledgeFile {
  return { path: `knowledge/${rel}`, rel, text };
}

/** An article in the seed's format whose paragraphs are `paragraphs`. */
export function textArticle(
  rel: string,
  title: string,
  paragraphs: readonly string[],
): KnowledgeFile {
  return file(rel, `${title}\n\n${paragraphs.join("\n\n")}\n`);
}

/** The `file:line: message` lines of the KnowledgeError that `run` throws. */
export function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error("expected a KnowledgeError, but nothing was thrown");
}

/** Two paragraphs the fact fixtures quote from. */
export const border = textArticle("articles/border.txt", "Border", [
  "Both sides discussed the illegal drug trade along the 959km border. Iran is a route.",
  "Rouhani said that “Tehran is ready to finish work on a gas pipeline.”",
]);
