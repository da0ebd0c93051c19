import { stem } from "./stem.ts";
import { STOP_WORDS } from "./stop-words.ts";
import { type Token, tokenize } from "./tokenize.ts";

/** Turns a folded word into the term the index stores, or null for a stop word. */
export function toTerm(word: string): string | null {
  if (STOP_WORDS.has(word)) return null;
  return stem(word);
}

export interface TermToken extends Token {
  term: string;
}

/** The index terms of a text, in order, with offsets: the one pipeline for index and query. */
export function extractTerms(text: string): TermToken[] {
  const out: TermToken[] = [];
  for (const token of tokenize(text)) {
    const term = toTerm(token.word);
    if (term !== null) out.push({ ...token, term });
  }
  return out;
}
