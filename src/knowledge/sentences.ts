import type { TextRange } from "../knowledge/normalise.ts";

// A sentence ends at . ? or ! (and any closing quote) before whitespace and a capital or an
// opening quote; abbreviations like "Gen." before a capital are rare enough in news prose.
const SENTENCE_BOUNDARY = /[.?!][”"’')\]]*(?=\s+[\p{Lu}"'“‘(])/gu;

/** The sentences of a paragraph as ranges of its text, covering it from first to last word. */
export function sentenceRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let start = skipSpace(text, 0);
  for (const match of text.matchAll(SENTENCE_BOUNDARY)) {
    const end = match.index + match[0].length;
    ranges.push({ start, end });
    start = skipSpace(text, end);
  }
  const end = text.trimEnd().length;
  if (start < end) ranges.push({ start, end });
  return ranges;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}
