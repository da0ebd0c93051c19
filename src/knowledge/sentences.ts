import type { TextRange } from "./normalise.ts";

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

/** The first sentence of a paragraph, terminator included: an article's lead. */
export function firstSentence(text: string): string {
  const [first] = sentenceRanges(text);
  return first === undefined ? text : text.slice(first.start, first.end);
}
