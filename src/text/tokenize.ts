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
/** `TOKEN`, and the symbols of units ("5%", "$2bn") that the term pipeline reads as words. */
const TOKEN_WITH_SYMBOLS = /\d+(?:[.,]\d+)*|[\p{L}\p{N}]+(?:'[\p{L}]+)*|[%$€]/gu;

/** Splits text into folded word tokens with their offsets in the original text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachToken(text, (word, start, end) => {
    tokens.push({ word, start, end });
  });
  return tokens;
}

/**
 * `tokenize` without a token object per word: indexing 100,000 passages visits millions of
 * words, and their objects were most of the build's garbage. `short` keeps one-letter words
 * and unit symbols, which only the term pipeline reads ("14 m", "5%").
 */
export function forEachToken(
  text: string,
  visit: (word: string, start: number, end: number) => void,
  short = false,
): void {
  const folded = foldKeepingOffsets(text);
  // A regex of its own: `visit` may tokenize too.
  const pattern = short ? new RegExp(TOKEN_WITH_SYMBOLS) : tokenPattern();
  for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
    const raw = match[0];
    const start = match.index;
    const word = tokenWord(raw);
    if (!short && isShortWord(word)) continue;
    visit(word, start, start + raw.length);
  }
}

/** A fresh copy of the (global) regex that finds words in folded text. */
export function tokenPattern(): RegExp {
  return new RegExp(TOKEN);
}

/** The word a match of the token regex stands for: a number loses its thousands separators. */
export function tokenWord(raw: string): string {
  const first = raw.charCodeAt(0);
  return first >= 48 && first <= 57 ? raw.replace(/,(?=\d{3}\b)/g, "") : raw;
}

/** A one-letter word, which only the term pipeline keeps ("14 m"). */
export function isShortWord(word: string): boolean {
  return word.length < 2 && !/\d/.test(word);
}
