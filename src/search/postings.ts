import type { Steps } from "../util/cooperative.ts";
import { compareTerms } from "./compare-terms.ts";
import type { FlatIndex } from "./flat-index.ts";
import { SortedVocabulary } from "./sorted-vocabulary.ts";
import { type TypoCorrector, typoCorrectorSteps } from "./typos.ts";

/** One field's postings for one term: short document ids, ascending, and their frequencies. */
export interface PostingRun {
  fieldId: number;
  ids: Uint32Array;
  frequencies: Uint16Array;
  /**
   * The field's length in each posting's document, beside `ids`: a run of several segments
   * carries them (see segmented-postings.ts), so that no index-sized array of lengths by short
   * id is made for every change. Without them, the index's `lengths` are read by short id.
   */
  lengths?: Uint32Array;
}

/** Items handled between two possible yields of a step generator: a few milliseconds' work. */
export const STEP_SIZE = 1_000;

/**
 * What answering reads from an index: one flat index (`Postings`) or a flat index with small
 * segments searched together with it (see segments/segmented-postings.ts).
 */
export interface PostingsReader {
  readonly documentCount: number;
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly averageFieldLength: readonly number[];
  /**
   * Per field id, every document's length in that field, by short id: read for the postings of
   * a run that carries no `lengths` of its own.
   */
  readonly lengths: readonly Uint32Array[];
  has(term: string): boolean;
  get(term: string): PostingRun[] | undefined;
  documentFrequency(term: string): number;
  surfaceForm(term: string): string | undefined;
  fuzzy(term: string, maxDistance: number): [term: string, distance: number][];
  prefixed(prefix: string): string[];
  words(): Iterable<[word: string, term: string]>;
  /** The typo corrector over `words()`, built a few thousand words a step the first time. */
  correctorSteps(): Steps<TypoCorrector>;
}

/**
 * Read access to a flat index: postings by term, field lengths, and the vocabulary sorted for
 * fuzzy and prefix lookups (`SortedVocabulary`).
 */
export class Postings implements PostingsReader {
  readonly documentCount: number;
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly averageFieldLength: readonly number[];
  /** Per field id, every document's length in that field, by short id. */
  readonly lengths: readonly Uint32Array[];

  private constructor(
    private readonly flat: FlatIndex,
    private readonly termIndex: ReadonlyMap<string, number>,
    private vocabulary: SortedVocabulary<number> | undefined,
  ) {
    this.documentCount = flat.documentCount;
    this.fieldIds = Object.fromEntries(flat.fields.map((field, id) => [field, id]));
    this.averageFieldLength = flat.averageFieldLength;
    const n = flat.documentCount;
    this.lengths = flat.fields.map((_, id) => flat.fieldLengths.subarray(id * n, (id + 1) * n));
  }

  /**
   * Builds the term lookups a few thousand terms a step. Without `vocabulary`, the sorted
   * vocabulary for fuzzy and prefix lookups waits for the first of them: a small segment's are
   * answered over all small segments at once (see segments/added-vocabulary.ts).
   */
  static *open(flat: FlatIndex, vocabulary = true): Steps<Postings> {
    const termIndex = new Map<string, number>();
    for (let t = 0; t < flat.terms.length; t++) {
      termIndex.set(flat.terms[t] as string, t);
      if ((t + 1) % STEP_SIZE === 0) yield;
    }
    const postings = new Postings(flat, termIndex, undefined);
    if (vocabulary) {
      yield;
      postings.sortedTerms();
    }
    return postings;
  }

  has(term: string): boolean {
    return this.termIndex.has(term);
  }

  /** The term's postings, one run per field it occurs in, by field id; undefined if unknown. */
  get(term: string): PostingRun[] | undefined {
    const t = this.termIndex.get(term);
    if (t === undefined) return undefined;
    const { termRuns, runFields, runStarts, ids, frequencies } = this.flat;
    const runs: PostingRun[] = [];
    for (let r = termRuns[t] as number; r < (termRuns[t + 1] as number); r++) {
      const start = runStarts[r] as number;
      const end = runStarts[r + 1] as number;
      runs.push({
        fieldId: runFields[r] as number,
        ids: ids.subarray(start, end),
        frequencies: frequencies.subarray(start, end),
      });
    }
    return runs;
  }

  /**
   * The term's runs as `get` gives them, each as its field and its place in `ids` (the flat
   * index's postings), for a caller that only walks them: no run objects are made.
   */
  forEachRun(term: string, visit: (fieldId: number, from: number, to: number) => void): void {
    const t = this.termIndex.get(term);
    if (t === undefined) return;
    const { termRuns, runFields, runStarts } = this.flat;
    for (let r = termRuns[t] as number; r < (termRuns[t + 1] as number); r++) {
      visit(runFields[r] as number, runStarts[r] as number, runStarts[r + 1] as number);
    }
  }

  /** The flat index's postings' short ids, run after run (see `forEachRun`). */
  get ids(): Uint32Array {
    return this.flat.ids;
  }

  /** In how many passages the term occurs (0 when unknown). */
  documentFrequency(term: string): number {
    const t = this.termIndex.get(term);
    return t === undefined ? 0 : (this.flat.documentFrequency[t] ?? 0);
  }

  /**
   * The terms with at least `minPostings` postings, most first (then in term order), `count` at
   * most: the words whose runs cost the most to merge once this index grows segments.
   */
  largestTerms(count: number, minPostings: number): string[] {
    const { termRuns, runStarts, terms } = this.flat;
    const sizes: [string, number][] = [];
    for (let t = 0; t < terms.length; t++) {
      const size =
        (runStarts[termRuns[t + 1] as number] as number) -
        (runStarts[termRuns[t] as number] as number);
      if (size >= minPostings) sizes.push([terms[t] as string, size]);
    }
    return largestFirst(sizes, count);
  }

  /** The term as first written in the knowledge base; undefined for a term it does not have. */
  surfaceForm(term: string): string | undefined {
    const t = this.termIndex.get(term);
    const surface = t === undefined ? undefined : this.flat.surfaceForms[t];
    return surface === "" ? undefined : surface;
  }

  /**
   * Index terms within `maxDistance` edits of `term`, with their distance (exact match
   * excluded), in term order (the vocabulary's), as an index grown by segments lists them too.
   */
  fuzzy(term: string, maxDistance: number): [term: string, distance: number][] {
    return [...this.sortedTerms().fuzzyGet(term, maxDistance)]
      .filter(([t]) => t !== term)
      .map(([t, [, distance]]): [string, number] => [t, distance]);
  }

  /** Index terms that start with `prefix` and are longer than it, in term order (see `fuzzy`). */
  prefixed(prefix: string): string[] {
    return this.sortedTerms()
      .keysWithPrefix(prefix)
      .filter((t) => t !== prefix);
  }

  private sortedTerms(): SortedVocabulary<number> {
    this.vocabulary ??= SortedVocabulary.from(this.termIndex);
    return this.vocabulary;
  }

  /** Every term, in the order its postings are stored. */
  terms(): readonly string[] {
    return this.flat.terms;
  }

  private corrector: TypoCorrector | undefined;

  *correctorSteps(): Steps<TypoCorrector> {
    if (this.corrector === undefined) {
      const built = yield* typoCorrectorSteps(this.words());
      this.corrector ??= built;
    }
    return this.corrector;
  }

  /** Every folded word of the index with its term, in code-unit order (as built). */
  *words(): Generator<[word: string, term: string]> {
    const { words, wordTerms, terms } = this.flat;
    for (let w = 0; w < words.length; w++) {
      yield [words[w] as string, terms[wordTerms[w] as number] as string];
    }
  }
}

/** The terms of the largest sizes, most first (then in term order), `count` at most. */
export function largestFirst(sizes: [term: string, size: number][], count: number): string[] {
  return sizes
    .sort((a, b) => b[1] - a[1] || compareTerms(a[0], b[0]))
    .slice(0, count)
    .map(([term]) => term);
}

/** The position of `id` in the ascending `ids`, or -1. */
export function findPosting(ids: Uint32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = ids[mid] as number;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
