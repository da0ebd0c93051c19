import { foldKeepingOffsets } from "../text/fold.ts";
import { sentenceRanges } from "../text/sentences.ts";
import { irregularFormsOf } from "../text/stem.ts";
import { forEachTerm, toTerm } from "../text/terms.ts";
import { forEachToken } from "../text/tokenize.ts";
import { hasUnrootedForms } from "../text/word-forms.ts";

/** Which of a question's terms a passage has, per sentence: what ranking by sentence reads. */
export interface FoundTerms {
  /** Indexes into the finder's terms, one per occurrence, in text order. */
  terms: number[];
  /** Where each occurrence starts in the text. */
  starts: number[];
}

/**
 * Finds a few terms in passages without turning every word of them into a term: ranking by
 * sentence reads twenty passages per question, and analysing all their words was a third of
 * answering. Every form of a term starts with its root (the term, less a final "y" that
 * "-ies" and "-ied" forms lack) or is an irregular form: each occurrence of a root is checked
 * with the tokenizer and `toTerm`, so what it finds is exactly what `extractTerms` would.
 * Numbers and terms with other forms ("kilometres" for "km") are read with the term pipeline.
 */
export class TermFinder {
  /** Roots to look for. */
  private readonly roots: string[];
  private readonly termIndex = new Map<string, number>();
  private readonly wordIndex = new Map<string, number>();
  /**
   * Terms with digits are written in many ways ("2,775", "two thousand"), and some terms have
   * forms that do not start with them ("kilometres" for "km"): those passages are read in full.
   */
  private readonly readsAll: boolean;

  /**
   * Finds `terms` in every form, and `words` exactly as written (folded); a word's index in
   * what is found is `terms.length` + its position in `words`.
   */
  constructor(
    readonly terms: readonly string[],
    readonly words: readonly string[] = [],
  ) {
    const roots = new Set<string>();
    terms.forEach((term, i) => {
      if (!this.termIndex.has(term)) this.termIndex.set(term, i);
      roots.add(term.endsWith("y") && term.length > 1 ? term.slice(0, -1) : term);
      for (const form of irregularFormsOf(term)) roots.add(form);
    });
    words.forEach((word, i) => {
      if (!this.wordIndex.has(word)) this.wordIndex.set(word, terms.length + i);
      roots.add(word);
    });
    this.readsAll =
      [...terms, ...words].some((t) => !/^\p{L}/u.test(t) || hasUnrootedForms(t)) ||
      roots.size > MAX_ROOTS;
    this.roots = [...roots];
  }

  /** The terms' and words' occurrences in `text`. */
  find(text: string): FoundTerms {
    const found: FoundTerms = { terms: [], starts: [] };
    const add = (word: string, start: number) => {
      const term = toTerm(word);
      const t = term === null ? undefined : this.termIndex.get(term);
      if (t !== undefined) {
        found.terms.push(t);
        found.starts.push(start);
      }
      const w = this.wordIndex.get(word);
      if (w !== undefined) {
        found.terms.push(w);
        found.starts.push(start);
      }
    };
    if (this.readsAll) {
      forEachTerm(text, (term, _word, start) => {
        const t = this.termIndex.get(term);
        if (t === undefined) return;
        found.terms.push(t);
        found.starts.push(start);
      });
      if (this.wordIndex.size === 0) return found;
      forEachToken(text, (word, start) => {
        const w = this.wordIndex.get(word);
        if (w === undefined) return;
        found.terms.push(w);
        found.starts.push(start);
      });
      return inTextOrder(found);
    }
    const folded = foldKeepingOffsets(text);
    const seen = new Set<number>();
    for (const root of this.roots) {
      for (let at = folded.indexOf(root); at >= 0; at = folded.indexOf(root, at + 1)) {
        if (seen.has(at)) continue;
        seen.add(at);
        const word = wordAt(text, folded, at);
        if (word !== undefined) add(word, at);
      }
    }
    return found;
  }

  /**
   * Per sentence of `text` that has any of the terms, the indexes of those it has. `found` is
   * `find(text)`.
   */
  bySentence(text: string, found: FoundTerms): number[][] {
    const sentences = sentenceRanges(text);
    const out = new Map<number, number[]>();
    found.starts.forEach((start, k) => {
      // A term outside every sentence is skipped, as `analysePassage` skips it.
      const s = sentences.findIndex((r) => start >= r.start && start < r.end);
      if (s < 0) return;
      const list = out.get(s) ?? [];
      list.push(found.terms[k] as number);
      out.set(s, list);
    });
    return [...out.values()];
  }
}

/** Occurrences sorted by where they start, a term before a word at the same place. */
function inTextOrder(found: FoundTerms): FoundTerms {
  const order = found.starts
    .map((_, k) => k)
    .sort((a, b) => (found.starts[a] as number) - (found.starts[b] as number));
  return {
    terms: order.map((k) => found.terms[k] as number),
    starts: order.map((k) => found.starts[k] as number),
  };
}

/** The (folded) word that starts at `at`, if one does. */
function wordAt(text: string, folded: string, at: number): string | undefined {
  // Words never span characters outside a block of letters, digits, apostrophes and inner
  // periods and commas: tokenizing the block alone gives the words the whole text has.
  let start = at;
  while (start > 0 && inBlock(folded, start - 1)) start--;
  let end = at;
  while (end < folded.length && inBlock(folded, end)) end++;
  let found: string | undefined;
  forEachToken(text.slice(start, end), (word, from) => {
    if (start + from === at) found = word;
  });
  return found;
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
