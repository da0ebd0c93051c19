import { INDEX_STOP_WORDS } from "../text/stop-words.ts";
import type { Steps } from "../util/cooperative.ts";
import { compareTerms } from "./compare-terms.ts";
import { SortedVocabulary } from "./sorted-vocabulary.ts";

/** A correction of a word the index does not know: the term it stands for, and how far it is. */
export interface Correction {
  /** The index term, or null when the closest word is a stop word ("throuh"). */
  term: string | null;
  distance: number;
  /** The words of the knowledge base within reach that stand for `term`, as written (folded). */
  words: string[];
}

export interface TypoOptions {
  /** Shorter words are not corrected: too many short words are one edit from another. */
  minLength: number;
  /**
   * From this length on, two edits are allowed instead of one when one finds nothing: two
   * edits turn many an eight-letter word into another ("pipeline", "sideline"), few of ten.
   */
  twoEditsFrom: number;
  /**
   * Longer words are not corrected: no word people mistype is this long, and the cost of a
   * fuzzy lookup grows with the square of the word's length (a pasted 40,000-character "word"
   * took seconds and gigabytes).
   */
  maxLength: number;
}

export const DEFAULT_TYPO_OPTIONS: TypoOptions = { minLength: 5, twoEditsFrom: 10, maxLength: 30 };

/**
 * Corrects misspelled words against the words of the index as written (before stemming):
 * "pausad" is one edit from "paused", but two from its stem "paus". Swapped neighbouring
 * letters ("wrogn") count as one edit, as people make them.
 */
export class TypoCorrector {
  private readonly vocabulary: SortedVocabulary<string | null>;
  /** Where words are looked up: this corrector's own vocabulary, or its layers' (see `layered`). */
  private vocabularies: readonly SortedVocabulary<string | null>[];
  private hidden: (word: string) => boolean = () => false;

  /** Corrects to `words` (word, the term it stands for) and the stop words. */
  constructor(
    words: Iterable<[word: string, term: string]> = [],
    private readonly options: TypoOptions = DEFAULT_TYPO_OPTIONS,
  ) {
    this.vocabulary = withStopWords(words);
    this.vocabularies = [this.vocabulary];
  }

  /**
   * Corrects against the words of every layer but the `hidden` ones: what one corrector over
   * those words would say, without building it (see `segments/added-vocabulary.ts`).
   */
  static layered(
    layers: readonly TypoCorrector[],
    hidden: (word: string) => boolean,
    options: TypoOptions = DEFAULT_TYPO_OPTIONS,
  ): TypoCorrector {
    const corrector = new TypoCorrector([], options);
    corrector.vocabularies = layers.map((layer) => layer.vocabulary);
    corrector.hidden = hidden;
    return corrector;
  }

  /** Whether `word` is one of this corrector's own words (stop words included). */
  knows(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** Makes `word`, which the index holds as `term`, a possible correction. */
  add(word: string, term: string): void {
    this.vocabulary.set(word, term);
  }

  /** Closest first; empty when nothing is near enough. */
  correct(word: string): Correction[] {
    const { minLength, maxLength } = this.options;
    if (word.length < minLength || word.length > maxLength || /\d/.test(word)) return [];
    const maxDistance = word.length >= this.options.twoEditsFrom ? 2 : 1;
    const found = new Map<string | null, Correction>();
    const keep = (term: string | null, distance: number, near: string) => {
      if (distance === 0) return;
      const known = found.get(term);
      if (known === undefined) found.set(term, { term, distance, words: [near] });
      else {
        known.distance = Math.min(known.distance, distance);
        if (!known.words.includes(near)) known.words.push(near);
      }
    };
    const { vocabularies, hidden } = this;
    const lookUp = (distance: number) => {
      for (const vocabulary of vocabularies) {
        for (const [near, [term, d]] of vocabulary.fuzzyGet(word, distance)) {
          if (!hidden(near)) keep(term, d, near);
        }
      }
    };
    lookUp(1);
    for (const swapped of transpositions(word)) {
      if (hidden(swapped)) continue;
      for (const vocabulary of vocabularies) {
        const term = vocabulary.get(swapped);
        if (term !== undefined) keep(term, 1, swapped);
      }
    }
    // A word one edit from a known word is that word far more often than one two edits away;
    // and a lookup with two edits costs several times one with one (the typo p95 at 100k).
    if (maxDistance > 1 && found.size === 0) lookUp(maxDistance);
    // In a fixed order, not the radix tree's (which depends on the order words were added):
    // an index grown by segments corrects as one built at once does.
    for (const correction of found.values()) correction.words.sort(compareTerms);
    return [...found.values()].sort(
      (a, b) => a.distance - b.distance || compareTerms(a.term ?? "", b.term ?? ""),
    );
  }
}

/** Words the corrector is built from, read between two possible yields. */
const STEP_WORDS = 5_000;

/** A corrector for `words` (word, term): read a few thousand words a step, then sorted. */
export function* typoCorrectorSteps(
  words: Iterable<[word: string, term: string]>,
): Steps<TypoCorrector> {
  const read: [word: string, term: string][] = [];
  for (const entry of words) {
    read.push(entry);
    if (read.length % STEP_WORDS === 0) yield;
  }
  yield;
  return new TypoCorrector(read);
}

/** The stop words in order: a correction to one stands for no term. */
const STOP_WORDS: readonly string[] = [...INDEX_STOP_WORDS].sort(compareTerms);

/**
 * `words` with the stop words merged in, in order where the words are (an index's are): a
 * word of the same spelling wins. Sorting the stop words in after them cost more than the rest
 * of the corrector (15-25 ms at 100,000 passages).
 */
function withStopWords(
  words: Iterable<[word: string, term: string]>,
): SortedVocabulary<string | null> {
  const keys: string[] = [];
  const terms: (string | null)[] = [];
  let next = 0;
  const stopWordsBefore = (word: string | undefined) => {
    for (; next < STOP_WORDS.length; next++) {
      const stop = STOP_WORDS[next] as string;
      if (word !== undefined && compareTerms(stop, word) >= 0) break;
      keys.push(stop);
      terms.push(null);
    }
  };
  for (const [word, term] of words) {
    stopWordsBefore(word);
    if (STOP_WORDS[next] === word) next++;
    keys.push(word);
    terms.push(term);
  }
  stopWordsBefore(undefined);
  return SortedVocabulary.of(keys, terms);
}

function transpositions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) {
      out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    }
  }
  return out;
}
