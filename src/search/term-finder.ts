import { irregularFormsOf } from "../text/stem.ts";
import { forEachTerm, JOINED_WORDS, toTerm } from "../text/terms.ts";
import { forEachToken, isShortWord, tokenPattern, tokenWord } from "../text/tokenize.ts";
import { britishStemsOf, isUnitTerm } from "../text/word-forms.ts";
import { analysePassage, sentenceAt } from "./passage-analysis.ts";

/** Which of a question's terms a passage has, per sentence: what ranking by sentence reads. */
export interface FoundTerms {
  /** Indexes into the finder's terms, one per occurrence, in text order. */
  terms: number[];
  /** Where each occurrence starts in the text. */
  starts: number[];
  /** Where each occurrence ends. */
  ends: number[];
}

export interface TermFinderOptions {
  /**
   * Also reads in full a passage for a term that the term pipeline may read together with the
   * words around it ("cent" is no term in "per cent", nor "two" in "twenty two"), where its
   * roots alone would find it. Ranking by sentence goes without: its scores were tuned so.
   */
  exact?: boolean;
}

/** The terms of `JOINED_WORDS`, and the words themselves ("one" alone is the term "one"). */
const JOINED_TERMS: ReadonlySet<string> = new Set(
  [...JOINED_WORDS].flatMap((word) => [word, toTerm(word) ?? word]),
);

/**
 * Finds a few terms in passages without turning every word of them into a term: ranking by
 * sentence reads twenty passages per question, and analysing all their words was a third of
 * answering. Every form of a term starts with its root (the term, less a final "y" that
 * "-ies" and "-ied" forms lack) or is an irregular form: each occurrence of a root is checked
 * with the tokenizer and `toTerm`, so what it finds is exactly what `extractTerms` would. A
 * term spelt otherwise in British English has its British stem as a root too.
 * Numbers and units ("kilometres" for "km") are read with the term pipeline.
 */
export class TermFinder {
  /** Roots to look for. */
  private readonly roots: string[];
  private readonly termIndex = new Map<string, number>();
  private readonly wordIndex = new Map<string, number>();
  /**
   * Terms with digits are written in many ways ("2,775", "two thousand"), and units have forms
   * that do not start with them ("kilometres" for "km"): those passages are read in full.
   */
  private readonly readsAll: boolean;

  /**
   * Finds `terms` in every form, and `words` exactly as written (folded); a word's index in
   * what is found is `terms.length` + its position in `words`.
   */
  constructor(
    readonly terms: readonly string[],
    readonly words: readonly string[] = [],
    options: TermFinderOptions = {},
  ) {
    const roots = new Set<string>();
    terms.forEach((term, i) => {
      if (!this.termIndex.has(term)) this.termIndex.set(term, i);
      // A British spelling's words start with its own stem ("recognised" for "recogniz").
      for (const stem of [term, ...britishStemsOf(term)]) {
        roots.add(stem.endsWith("y") && stem.length > 1 ? stem.slice(0, -1) : stem);
        for (const form of irregularFormsOf(stem)) roots.add(form);
      }
    });
    words.forEach((word, i) => {
      if (!this.wordIndex.has(word)) this.wordIndex.set(word, terms.length + i);
      roots.add(word);
    });
    // Read in full, a number word next to others is no term of its own ("two" in "twenty
    // two"): a finder that read in full before it had British roots still does, so that what a
    // joined word finds stays as it was.
    const joined = terms.some((t) => JOINED_TERMS.has(t));
    this.readsAll =
      [...terms, ...words].some((t) => !/^\p{L}/u.test(t) || isUnitTerm(t)) ||
      roots.size > MAX_ROOTS ||
      (joined &&
        (options.exact === true || [...terms, ...words].some((t) => britishStemsOf(t).length > 0)));
    this.roots = [...roots];
  }

  /** The terms' and words' occurrences in `text`. */
  find(text: string): FoundTerms {
    const found: FoundTerms = { terms: [], starts: [], ends: [] };
    if (this.readsAll) {
      forEachTerm(text, (term, _word, start, end) => {
        const t = this.termIndex.get(term);
        if (t !== undefined) push(found, t, start, end);
      });
      if (this.wordIndex.size === 0) return found;
      forEachToken(text, (word, start, end) => {
        const w = this.wordIndex.get(word);
        if (w !== undefined) push(found, w, start, end);
      });
      return inTextOrder(found);
    }
    const { folded } = analysePassage(text);
    // Two roots may start at one place ("part" and "party"): the word there is read once.
    const seen = this.roots.length > 1 ? new Set<number>() : undefined;
    for (const root of this.roots) {
      for (let at = folded.indexOf(root); at >= 0; at = folded.indexOf(root, at + 1)) {
        if (seen?.has(at)) continue;
        seen?.add(at);
        const token = tokenAt(folded, at);
        if (token === undefined) continue;
        const { word, end } = token;
        const term = toTerm(word);
        const t = term === null ? undefined : this.termIndex.get(term);
        if (t !== undefined) push(found, t, at, end);
        const w = this.wordIndex.get(word);
        if (w !== undefined) push(found, w, at, end);
      }
    }
    return found;
  }

  /**
   * Per sentence of `text` that has any of the terms, the indexes of those it has. `found` is
   * `find(text)`.
   */
  bySentence(text: string, found: FoundTerms): number[][] {
    const { sentences } = analysePassage(text);
    const out = new Map<number, number[]>();
    found.starts.forEach((start, k) => {
      // A term outside every sentence is skipped, as snippets skip it.
      const s = sentenceAt(sentences, start);
      if (s < 0) return;
      const list = out.get(s);
      if (list === undefined) out.set(s, [found.terms[k] as number]);
      else list.push(found.terms[k] as number);
    });
    return [...out.values()];
  }
}

function push(found: FoundTerms, t: number, start: number, end: number): void {
  found.terms.push(t);
  found.starts.push(start);
  found.ends.push(end);
}

/** Occurrences sorted by where they start, a term before a word at the same place. */
function inTextOrder(found: FoundTerms): FoundTerms {
  const order = found.starts
    .map((_, k) => k)
    .sort((a, b) => (found.starts[a] as number) - (found.starts[b] as number));
  return {
    terms: order.map((k) => found.terms[k] as number),
    starts: order.map((k) => found.starts[k] as number),
    ends: order.map((k) => found.ends[k] as number),
  };
}

// One for every passage read: nothing it calls tokenizes.
const TOKEN = tokenPattern();

/**
 * The word (as `forEachToken` reads it) that starts at `at` in the folded text, and where it
 * ends; undefined when no word starts there.
 */
function tokenAt(folded: string, at: number): { word: string; end: number } | undefined {
  // Words never span characters outside a block of letters, digits, apostrophes and inner
  // periods and commas: tokenizing from the block's start gives the words the whole text has.
  let start = at;
  while (start > 0 && inBlock(folded, start - 1)) start--;
  TOKEN.lastIndex = start;
  for (let match = TOKEN.exec(folded); match !== null; match = TOKEN.exec(folded)) {
    if (match.index > at) return undefined;
    const end = match.index + match[0].length;
    if (match.index < at) {
      if (end > at) return undefined;
      continue;
    }
    const word = tokenWord(match[0]);
    return isShortWord(word) ? undefined : { word, end };
  }
  return undefined;
}

/** More roots than this and reading every word of a passage is as fast. */
const MAX_ROOTS = 40;

const WORD_CHAR = /[\p{L}\p{N}]/u;

function inBlock(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) {
    return (
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 39 ||
      c === 46 ||
      c === 44
    );
  }
  // A surrogate pair is a letter or digit together: keep both halves in the block.
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return WORD_CHAR.test(text.charAt(i));
}
