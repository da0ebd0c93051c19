import type { TextRange } from "./normalise.ts";

// A sentence may end at . ? or ! (and any closing quote) before whitespace and a capital or an
// opening quote; a line break always ends one, because markdown list items are passage lines.
// Lower case or a digit after a period ("U.S. officials", "No. 3", "2.5") never ends one.
const CANDIDATE = /[.?!][”"’')\]]*(?=\s+[\p{Lu}"'“‘(])|\n/gu;

// Titles stand before a name, never at the end of a sentence: "Gen. Bajwa", "Maj. Gen. Mousavi".
const TITLES = new Set(
  (
    "Mr Mrs Ms Mx Messrs Dr Prof Gen Maj Lt Col Capt Cpt Cmdr Cdr Adm Brig Sgt Cpl Pvt " +
    "Gov Sen Rep Rev Fr Hon Pres Supt Insp Amb Mme Mlle Mgr vs cf viz e.g i.e"
  ).split(" "),
);

// These abbreviations stand before a name or a number as often as at the end of a sentence.
const AMBIGUOUS = new Set(
  (
    "Jr Sr St Mt Ft Inc Ltd Co Corp Bros Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec " +
    "etc al approx Dept Univ Ave Rd Blvd"
  ).split(" "),
);

// Words that usually open a sentence and seldom follow an abbreviation inside one: after an
// ambiguous abbreviation, initial or dotted acronym, only these end the sentence. So "in the U.S.
// The next day" is two sentences while "the U.S. Army" and "U.S. President Trump" are not split.
const SENTENCE_STARTERS = new Set(
  (
    "The A An It Its He She They We I You This That These Those There Their His Her Our My " +
    "In On At By For From With Without After Before When While As But And Or So Yet If " +
    "However Meanwhile Also Although Though Since Because Some Many Most All Both Each One " +
    "Not No Now Then Later Last Next Earlier According During Under Over Despite What Who " +
    "How Why Where Which Such Other Another Only Even Still To Of Here Today Yesterday Thus " +
    "Hence Therefore Again Instead Indeed Moreover Furthermore Finally First Second Similarly " +
    "Nevertheless Otherwise Eventually Currently Recently Further Unlike Like Among Between " +
    "Through Until Upon Within Around Following Soon Once Every Several Few Any Whether"
  ).split(" "),
);

const LETTER = /\p{L}/u;
const OPENERS = /["'“‘(]/;
const INITIAL = /^\p{Lu}$/u;
const DOTTED = /^(\p{L}{1,3}\.)+\p{L}{1,3}$/u;

/** The sentences of a paragraph as ranges of its text, covering it from first to last word. */
export function sentenceRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let start = skipSpace(text, 0);
  for (const match of text.matchAll(CANDIDATE)) {
    if (match.index < start) continue; // the line break right after a sentence just ended
    let end: number;
    if (match[0] === "\n") {
      end = trimEnd(text, start, match.index);
    } else {
      end = match.index + match[0].length;
      if (match[0] === "." && continuesAfter(text, match.index) && !nextLineStarts(text, end))
        continue;
    }
    if (end > start) ranges.push({ start, end });
    start = skipSpace(text, match.index + match[0].length);
  }
  const end = trimEnd(text, start, text.length);
  if (start < end) ranges.push({ start, end });
  return ranges;
}

/** The first sentence of a paragraph, terminator included: an article's lead. */
export function firstSentence(text: string): string {
  const [first] = sentenceRanges(text);
  return first === undefined ? text : text.slice(first.start, first.end);
}

/** Whether the period at `dot` closes an abbreviation of a sentence that goes on. */
function continuesAfter(text: string, dot: number): boolean {
  const word = wordBefore(text, dot);
  if (word === "") return false;
  if (TITLES.has(word)) return true;
  const initial = word.length === 1 && INITIAL.test(word);
  const dotted = !initial && word.includes(".") && DOTTED.test(word);
  if (!initial && !dotted && !AMBIGUOUS.has(word)) return false;
  return !SENTENCE_STARTERS.has(wordAfter(text, dot + 1));
}

// Longer than any abbreviation: a word this long ends its sentence.
const MAX_WORD = 8;

/** The letters and inner periods just before `dot`: "Gen", "U.S", "e.g"; "" for anything else. */
function wordBefore(text: string, dot: number): string {
  // Runs for every period before a capital, so it reads char codes instead of testing with regexes.
  let i = dot;
  while (i > 0 && isWordCode(text.charCodeAt(i - 1))) {
    if (dot - i >= MAX_WORD) return "";
    i--;
  }
  if (i > 0 && !isSpaceCode(text.charCodeAt(i - 1)) && !OPENERS.test(text.charAt(i - 1))) return "";
  return text.slice(i, dot);
}

const isSpaceCode = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 160;

const isWordCode = (c: number) =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  c === 46 ||
  (c > 127 && LETTER.test(String.fromCharCode(c)));

/** The word after the whitespace and opening quotes that follow `from`. */
function wordAfter(text: string, from: number): string {
  let i = skipSpace(text, from);
  while (i < text.length && OPENERS.test(text.charAt(i))) i++;
  let end = i;
  while (end < text.length && LETTER.test(text.charAt(end))) end++;
  return text.slice(i, end);
}

function nextLineStarts(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === "\n") return true;
    if (!/\s/.test(char)) return false;
  }
  return false;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text.charAt(e - 1))) e--;
  return e;
}
