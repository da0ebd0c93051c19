/** A word of a sentence and where it is. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

// Letters and digits, with inner apostrophes, hyphens and dots ("Pakistan’s", "Iran-Pakistan",
// "U.S"), so that punctuation between words is what separates clauses. Trailing marks are
// trimmed in code: a lookahead here would cost more than all the rest of the tokenizing.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}’'&.-]*/gu;
const TRAILING = /[’'&.-]+$/;

/** The words of `text` that start in `[from, to)`. */
export function wordsOf(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = from;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    if (match.index >= to) break;
    let word = match[0];
    const last = word.charCodeAt(word.length - 1);
    // ' & - . ’
    if (last === 39 || last === 38 || last === 45 || last === 46 || last === 8217) {
      word = word.replace(TRAILING, "");
    }
    out.push({ text: word, start: match.index, end: match.index + word.length });
  }
  return out;
}

export function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/** "Pakistan’s" → "Pakistan": possessives and names are compared without their "’s". */
export function withoutPossessive(word: string): string {
  return word.replace(/[’']s$/u, "");
}

const CLAUSE_BREAK = /[,;:()—"“”]/u;

/**
 * Whether the character at `i` ends a clause: what a predicate phrase or a quote does not reach
 * across. A dash counts only when spaced, so "2007–08" and "Oxnard–Thousand Oaks" stay whole; a
 * comma between digits ("2,775") is no break either.
 */
export function isClauseBreak(text: string, i: number): boolean {
  const char = text.charAt(i);
  if (char === ",") return !(/\d/.test(text.charAt(i - 1)) && /\d/.test(text.charAt(i + 1)));
  if (CLAUSE_BREAK.test(char)) return true;
  return (char === "–" || char === "-") && text.charAt(i - 1) === " " && text.charAt(i + 1) === " ";
}

/** Start of the clause holding `at`: just after the last clause break before it (or `floor`). */
export function clauseStart(text: string, at: number, floor = 0): number {
  for (let i = at - 1; i >= floor; i--) if (isClauseBreak(text, i)) return i + 1;
  return floor;
}

/** End of the clause holding `at`: the next clause break or sentence end after it. */
export function clauseEnd(text: string, at: number, ceiling = text.length): number {
  for (let i = at; i < ceiling; i++) {
    if (isClauseBreak(text, i)) return i;
    if (/[.?!]/.test(text.charAt(i)) && (i + 1 >= ceiling || /\s/.test(text.charAt(i + 1))))
      return i;
  }
  return ceiling;
}
