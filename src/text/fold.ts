/**
 * Folds text for matching: Unicode compatibility form, no diacritics, lower case, typographic
 * apostrophes and dashes made plain. Each folded character stays at the same position as long
 * as `keepLength` is used, which snippets rely on to mark terms in the original text.
 */
const COMBINING_MARKS = /\p{M}/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;

export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .replace(APOSTROPHES, "'")
    .toLowerCase();
}

// Plain ASCII folds to itself in lower case, offsets intact: the common case, kept fast.
const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * Folds one character at a time so that offsets in the result match offsets in `text`. Runs of
 * plain ASCII (bar the backtick, an apostrophe here) are lower-cased whole: folding every
 * character of a long passage for its few curly quotes cost 5% of answering on the seed.
 */
export function foldKeepingOffsets(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let out = "";
  let plainFrom = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && code !== BACKTICK) continue;
    out += text.slice(plainFrom, i).toLowerCase();
    const ch = String.fromCodePoint(text.codePointAt(i) as number);
    const folded = foldText(ch);
    // A character whose fold is empty or longer would shift offsets: keep a same-length stand-in.
    out += folded.length === ch.length ? folded : ch.length === 1 ? (folded[0] ?? " ") : ch;
    i += ch.length - 1;
    plainFrom = i + 1;
  }
  return out + text.slice(plainFrom).toLowerCase();
}

const BACKTICK = 0x60;
