import { stem } from "./stem.ts";
import { INDEX_STOP_WORDS } from "./stop-words.ts";
import { forEachToken, type Token } from "./tokenize.ts";

// Words repeat far more than they vary: remembering each word's term makes indexing 100,000
// passages several times faster. Bounded, because query words are not.
const remembered = new Map<string, string | null>();
const MAX_REMEMBERED = 500_000;

/** Turns a folded word into the term the index stores, or null for a stop word. */
export function toTerm(word: string): string | null {
  const known = remembered.get(word);
  if (known !== undefined) return known;
  const term = INDEX_STOP_WORDS.has(word) ? null : stem(word);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(word, term);
  return term;
}

export interface TermToken extends Token {
  term: string;
}

/** The index terms of a text, in order, with offsets: the one pipeline for index and query. */
export function extractTerms(text: string): TermToken[] {
  const out: TermToken[] = [];
  forEachTerm(text, (term, word, start, end) => {
    out.push({ word, start, end, term });
  });
  return out;
}

/** `extractTerms` without an object per term, for indexing. */
export function forEachTerm(
  text: string,
  visit: (term: string, word: string, start: number, end: number) => void,
): void {
  forEachToken(text, (word, start, end) => {
    const term = toTerm(word);
    if (term !== null) visit(term, word, start, end);
  });
}
