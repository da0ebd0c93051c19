import type { Steps } from "../../util/cooperative.ts";
import type { Postings } from "../postings.ts";
import { SortedVocabulary } from "../sorted-vocabulary.ts";
import { TypoCorrector } from "../typos.ts";

/**
 * The terms and words the small segments of indexes grown from one first segment have and the
 * first lacks, in one sorted vocabulary each, shared by every index grown from it. A tree and
 * a typo corrector per small segment kept most of what 150 additions left on the heap at 100k
 * passages (eleven correctors for eleven segments, each with the stop words), for the few
 * hundred words an article brings that the big segment does not know.
 *
 * They only grow: a view filters what they hold by its own segments (a term by whether
 * it has live postings, a word by the segments that brought it), so indexes grown differently
 * from the same first segment share them and each answers as if it had its own.
 */
export class AddedVocabulary {
  private readonly terms = SortedVocabulary.from(new Map<string, true>());
  private readonly termsOf = new WeakSet<Postings>();
  private readonly words: TypoCorrector = new TypoCorrector();
  /** Per word they hold: the numbers of the segments that brought it. */
  private readonly holders = new Map<string, number[]>();
  private readonly wordsOf = new WeakSet<Postings>();
  private readonly numbers = new WeakMap<Postings, number>();
  private numbered = 0;

  constructor(private readonly first: Postings) {}

  /** Terms within `maxDistance` edits of `term` that some segment of `segments` may have. */
  fuzzy(segments: readonly Postings[], term: string, maxDistance: number): [string, number][] {
    this.addTerms(segments);
    const found: [string, number][] = [];
    for (const [t, [, distance]] of this.terms.fuzzyGet(term, maxDistance)) {
      if (t !== term) found.push([t, distance]);
    }
    return found;
  }

  /** Terms longer than `prefix` that start with it and some segment of `segments` may have. */
  prefixed(segments: readonly Postings[], prefix: string): string[] {
    this.addTerms(segments);
    return this.terms.keysWithPrefix(prefix).filter((t) => t !== prefix);
  }

  /**
   * The typo corrector over the words of `segments` (the first of them this vocabulary's) but
   * `dead`: the first segment's own corrector, with the added words of these segments laid
   * over it.
   */
  *correctorSteps(
    segments: readonly Postings[],
    dead: { has(word: string): boolean },
  ): Steps<TypoCorrector> {
    const first = yield* this.first.correctorSteps();
    yield* this.addWordsSteps(segments, first);
    const own = new Set(segments.map((s) => this.numberOf(s)));
    const { holders } = this;
    const hidden = (word: string) => {
      if (dead.has(word)) return true;
      const by = holders.get(word);
      return by !== undefined && !by.some((n) => own.has(n));
    };
    return TypoCorrector.layered([first, this.words], hidden);
  }

  private addTerms(segments: readonly Postings[]): void {
    for (const segment of segments) {
      if (segment === this.first || this.termsOf.has(segment)) continue;
      this.termsOf.add(segment);
      for (const term of segment.terms()) {
        if (!this.first.has(term)) this.terms.set(term, true);
      }
    }
  }

  private *addWordsSteps(segments: readonly Postings[], first: TypoCorrector): Steps<void> {
    let n = 0;
    for (const segment of segments) {
      if (segment === this.first || this.wordsOf.has(segment)) continue;
      this.wordsOf.add(segment);
      const number = this.numberOf(segment);
      for (const [word, term] of segment.words()) {
        if (first.knows(word)) continue;
        const by = this.holders.get(word);
        if (by === undefined) {
          this.holders.set(word, [number]);
          this.words.add(word, term);
        } else by.push(number);
        if (++n % WORDS_STEP === 0) yield;
      }
    }
  }

  private numberOf(segment: Postings): number {
    let number = this.numbers.get(segment);
    if (number === undefined) {
      number = this.numbered++;
      this.numbers.set(segment, number);
    }
    return number;
  }
}

/** Words added between two possible yields. */
const WORDS_STEP = 1_000;

const vocabularies = new WeakMap<Postings, AddedVocabulary>();

/** The added vocabulary of the indexes grown from the segment `first`. */
export function addedVocabularyOf(first: Postings): AddedVocabulary {
  let known = vocabularies.get(first);
  if (known === undefined) {
    known = new AddedVocabulary(first);
    vocabularies.set(first, known);
  }
  return known;
}
