const WHITESPACE = /\s/;
/** Whitespace that `normaliseWhitespace` would change: at either end, doubled, or not a space. */
const NOT_NORMALISED = /^\s|\s$|\s\s|[^\S ]/;

/** Collapses every run of whitespace to one space and trims: how quotes are compared to passages. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A character range `[start, end)` in a text. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Finds `quote` in `passageText` after normalising the whitespace of both, and returns where it is
 * in the original text, so that a snippet can show the passage's own characters around it.
 */
export function findQuote(passageText: string, quote: string): TextRange | undefined {
  const wanted = normaliseWhitespace(quote);
  if (wanted === "") return undefined;
  // Most passages are normalised already: then their offsets are the normalised text's, and an
  // answer that cites dozens of facts need not rebuild each passage a character at a time.
  if (!NOT_NORMALISED.test(passageText)) {
    const at = passageText.indexOf(wanted);
    return at < 0 ? undefined : { start: at, end: at + wanted.length };
  }
  // origin[i] is the offset in passageText of the i-th character of the normalised text.
  const origin: number[] = [];
  let normalised = "";
  let pendingSpace = -1;
  for (let i = 0; i < passageText.length; i++) {
    const char = passageText.charAt(i);
    if (WHITESPACE.test(char)) {
      if (pendingSpace < 0 && normalised !== "") pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      normalised += " ";
      origin.push(pendingSpace);
      pendingSpace = -1;
    }
    normalised += char;
    origin.push(i);
  }
  const at = normalised.indexOf(wanted);
  if (at < 0) return undefined;
  const start = origin[at];
  const last = origin[at + wanted.length - 1];
  if (start === undefined || last === undefined) return undefined;
  return { start, end: last + 1 };
}
