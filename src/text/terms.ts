import { stem } from "./stem.ts";
import { INDEX_STOP_WORDS } from "./stop-words.ts";
import { forEachToken, type Token } from "./tokenize.ts";
import {
  CURRENCY_TERMS,
  foldSpelling,
  isNumberWord,
  METRE_TERM,
  MILLION_TERM,
  NUMBER_RUN_WORDS,
  NumberWords,
  PERCENT_TERM,
  unitTermOf,
} from "./word-forms.ts";

// Words repeat far more than they vary: remembering each word's term makes indexing 100,000
// passages several times faster. Bounded, because query words are not.
const remembered = new Map<string, string | null>();
const MAX_REMEMBERED = 500_000;

/**
 * Turns a folded word into the term the index stores, or null for a stop word. A unit's every
 * form is one term ("kilometres" is "km") and a British spelling is the American one's.
 */
export function toTerm(word: string): string | null {
  const known = remembered.get(word);
  if (known !== undefined) return known;
  const term = INDEX_STOP_WORDS.has(word) ? null : (unitTermOf(word) ?? foldSpelling(stem(word)));
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(word, term);
  return term;
}

export interface TermToken extends Token {
  term: string;
}

/** The index terms of a text, in order, with offsets: the one pipeline for index and query. */
export function extractTerms(text: string): TermToken[] {
  const out: TermToken[] = [];
  forEachTerm(text, (term, word, start, end) => {
    out.push({ word, start, end, term });
  });
  return out;
}

type VisitTerm = (term: string, word: string, start: number, end: number) => void;

/**
 * `extractTerms` without an object per term, for indexing. Reads a few words together where
 * their form depends on the words around: a run of number words is one number ("two thousand"
 * is 2000, spanning both words), "per cent" is one term, and "m" is a million or a metre.
 */
export function forEachTerm(text: string, visit: VisitTerm): void {
  const reader = new TermReader(text, visit);
  forEachToken(text, (word, start, end) => reader.read(word, start, end), true);
  reader.finish();
}

/**
 * The words that `forEachTerm` may read together with the words around them, as one term or
 * none: number words ("twenty five" is 25) and "per cent". Elsewhere a word is its own term.
 */
export const JOINED_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_RUN_WORDS,
  "per",
  "cent",
  "cents",
]);

const DIGITS = /^\d/;
/** What may stand between two words of one number: "twenty-five", "two hundred". */
const JOINS_NUMBER_WORDS = /^[\s-]*$/;

class TermReader {
  private readonly number = new NumberWords();
  /** Where a "per" waits for a "cent", or -1. */
  private perStart = -1;
  private perEnd = -1;
  /** The last two terms visited: "m" after a number is read from them. */
  private last = "";
  private beforeLast = "";

  constructor(
    private readonly text: string,
    private readonly visit: VisitTerm,
  ) {}

  read(word: string, start: number, end: number): void {
    if (this.perStart >= 0) {
      const perStart = this.perStart;
      this.perStart = -1;
      if (word === "cent" || word === "cents") {
        this.emit(PERCENT_TERM, PERCENT_TERM, perStart, end);
        return;
      }
      this.readWord("per", perStart, this.perEnd);
    }
    // Number words across punctuation ("five, six") are two numbers.
    if (!this.number.isEmpty && !JOINS_NUMBER_WORDS.test(this.text.slice(this.number.end, start))) {
      this.endNumber("");
    }
    if (this.number.add(word, start, end)) return;
    this.endNumber(word);
    // A run that would not take this word ("five twenty") may start with it a new one.
    if (isNumberWord(word) && this.number.add(word, start, end)) return;
    if (word === "per") {
      this.perStart = start;
      this.perEnd = end;
      return;
    }
    this.readWord(word, start, end);
  }

  finish(): void {
    if (this.perStart >= 0) this.readWord("per", this.perStart, this.perEnd);
    this.perStart = -1;
    this.endNumber("");
  }

  private endNumber(next: string): void {
    if (this.number.isEmpty) return;
    const { start, end } = this.number;
    const scale = unitTermOf(next);
    const term = this.number.take(scale === MILLION_TERM || scale === "billion");
    this.emit(term, term, start, end);
  }

  private readWord(word: string, start: number, end: number): void {
    if (word.length === 1 && !DIGITS.test(word)) {
      const unit = word === "m" ? this.unitOfM() : unitTermOf(word);
      if (unit !== undefined) this.emit(unit, word, start, end);
      return;
    }
    const term = toTerm(word);
    if (term !== null) this.emit(term, word, start, end);
  }

  /**
   * "m" after a number is a unit, and which depends on what the number counts: money ("$5m",
   * "Rs 5m") makes it a million, anything else ("a 14 m channel") a metre. News writes
   * "million" as "m" only after money, and a metre is seldom priced.
   */
  private unitOfM(): string | undefined {
    if (!DIGITS.test(this.last)) return undefined;
    return CURRENCY_TERMS.has(this.beforeLast) ? MILLION_TERM : METRE_TERM;
  }

  private emit(term: string, word: string, start: number, end: number): void {
    this.beforeLast = this.last;
    this.last = term;
    this.visit(term, word, start, end);
  }
}
