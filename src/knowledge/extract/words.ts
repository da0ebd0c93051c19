/** A word of a sentence and where it is. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

// Letters and digits, with inner apostrophes, hyphens and dots ("Pakistan’s", "Iran-Pakistan",
// "U.S"), so that punctuation between words is what separates clauses.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}’'&-]|\.(?=[\p{L}\p{N}]))*/gu;

export function wordsOf(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = from;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    if (match.index >= to) break;
    out.push({ text: match[0], start: match.index, end: match.index + match[0].length });
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
