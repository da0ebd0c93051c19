import { foldKeepingOffsets } from "./fold.ts";

/** A word of the text: its folded form and where it stands in the original string. */
export interface Token {
  /** Folded (lower case, no diacritics), numbers without thousands separators. */
  word: string;
  start: number;
  end: number;
}

// Numbers first so that "2,775km" gives "2775" and "km", and "959km" gives "959" and "km".
const TOKEN = /\d+(?:[.,]\d+)*|[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

/** Splits text into folded word tokens with their offsets in the original text. */
export function tokenize(text: string): Token[] {
  const folded = foldKeepingOffsets(text);
  const tokens: Token[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    const raw = match[0];
    const start = match.index;
    const word = /^\d/.test(raw) ? raw.replace(/,(?=\d{3}\b)/g, "") : raw;
    if (word.length < 2 && !/\d/.test(word)) continue;
    tokens.push({ word, start, end: start + raw.length });
  }
  return tokens;
}
