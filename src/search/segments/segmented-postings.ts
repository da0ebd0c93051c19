import { runSteps, type Steps } from "../../util/cooperative.ts";
import type { LayeredMap } from "../../util/layered-map.ts";
import { compareTerms } from "../compare-terms.ts";
import { largestFirst, type PostingRun, type Postings, type PostingsReader } from "../postings.ts";
import type { TypoCorrector } from "../typos.ts";
import { type AddedVocabulary, addedVocabularyOf } from "./added-vocabulary.ts";

/** One segment as a view reads it: its postings, and where each of its documents now stands. */
export interface SegmentView {
  postings: Postings;
  /** Per short id in the segment: the document's short id in the whole index, or -1 if deleted. */
  global: Int32Array;
  /** True when `global[i] === i` for every document: its runs are read as they are. */
  identity: boolean;
}

/** What the segments alone cannot say about the whole: worked out as they change. */
export interface SegmentOverlay {
  documentCount: number;
  averageFieldLength: readonly number[];
  /** Per term, passages of the segments that are deleted: subtracted from their frequencies. */
  deletedFrequency: LayeredMap<number>;
  /** Spellings of the terms a change touched (undefined: the term is gone). */
  surfaceForms: LayeredMap<string | undefined>;
  /** Words no document has any more. */
  deadWords: LayeredMap<true>;
}

/** Terms remembered per view: the same terms come back question after question. */
const MAX_CACHED_TERMS = 4_096;
/**
 * Postings held in merged runs at most (10 bytes each, with their documents' field lengths):
 * common words have tens of thousands.
 */
const MAX_CACHED_POSTINGS = 1_200_000;

/**
 * Several segments read as one index: the short ids, postings, field lengths, frequencies and
 * vocabulary a single index built from the same knowledge has. Each term's runs are the
 * segments' runs with deleted documents left out and short ids renumbered, merged in id order,
 * so scores and the order of equal scores are the same as after a full build. A merged run
 * carries its documents' field lengths: the whole index's lengths by short id would be arrays
 * the size of the index, made anew for every change (they shift with the short ids).
 */
export class SegmentedPostings implements PostingsReader {
  readonly documentCount: number;
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly averageFieldLength: readonly number[];
  readonly lengths: readonly Uint32Array[];
  private readonly first: Postings;
  private readonly postingsList: readonly Postings[];
  /** Terms and words of the segments after the first (see `AddedVocabulary`). */
  private readonly added: AddedVocabulary;
  private readonly merged = new Map<string, PostingRun[] | null>();
  private readonly live = new Map<string, boolean>();
  private cachedPostings = 0;

  constructor(
    readonly segments: readonly SegmentView[],
    private readonly overlay: SegmentOverlay,
  ) {
    const [first] = segments;
    if (first === undefined) throw new Error("an index has at least one segment");
    this.first = first.postings;
    this.postingsList = segments.map((s) => s.postings);
    this.added = addedVocabularyOf(first.postings);
    this.documentCount = overlay.documentCount;
    this.fieldIds = first.postings.fieldIds;
    this.averageFieldLength = overlay.averageFieldLength;
    // Read only for a run passed on as it is: one of a segment whose short ids are the index's.
    this.lengths = (
      segments.find((s) => s.identity && s.global.length > 0) ?? first
    ).postings.lengths;
  }

  has(term: string): boolean {
    let live = this.live.get(term);
    if (live === undefined) {
      live = this.segments.some((s) => hasLivePosting(s, term));
      this.remember(this.live, term, live);
    }
    return live;
  }

  get(term: string): PostingRun[] | undefined {
    return runSteps(this.getSteps(term));
  }

  /**
   * The terms whose merged runs this index holds with at least `minPostings` postings, most
   * first, `count` at most: what the index a change makes merges before it serves (`mergeSteps`),
   * where the first question after every added article with a common word merged it (20-45 ms
   * at 100,000 passages, the longest gaps while adding).
   */
  largestMerged(count: number, minPostings: number): string[] {
    const sizes: [string, number][] = [];
    for (const [term, runs] of this.merged) {
      const size = runs?.reduce((n, run) => n + run.ids.length, 0) ?? 0;
      if (size >= minPostings) sizes.push([term, size]);
    }
    return largestFirst(sizes, count);
  }

  /** The merged runs of `terms`, a few thousand postings a step, unless already merged. */
  *mergeSteps(terms: readonly string[]): Steps<void> {
    for (const term of terms) {
      yield* this.getSteps(term);
      yield;
    }
  }

  private *getSteps(term: string): Steps<PostingRun[] | undefined> {
    const known = this.merged.get(term);
    if (known !== undefined) return known ?? undefined;
    const byField = new Map<number, SegmentRun[]>();
    for (const segment of this.segments) {
      for (const run of segment.postings.get(term) ?? []) {
        if (run.ids.length === 0) continue;
        const list = byField.get(run.fieldId);
        if (list === undefined) byField.set(run.fieldId, [{ run, segment }]);
        else list.push({ run, segment });
      }
    }
    const runs: PostingRun[] = [];
    for (const [fieldId, list] of [...byField.entries()].sort((a, b) => a[0] - b[0])) {
      const run = yield* mergeSegmentRunsSteps(fieldId, list);
      if (run.ids.length > 0) runs.push(run);
    }
    // A question may have merged it meanwhile: keep the runs it read.
    const merged = this.merged.get(term);
    if (merged !== undefined) return merged ?? undefined;
    const found = runs.length === 0 ? null : runs;
    const size = runs.reduce((n, run) => n + run.ids.length, 0);
    if (this.merged.size >= MAX_CACHED_TERMS || this.cachedPostings + size > MAX_CACHED_POSTINGS) {
      this.merged.clear();
      this.cachedPostings = 0;
    }
    this.cachedPostings += size;
    this.merged.set(term, found);
    return found ?? undefined;
  }

  documentFrequency(term: string): number {
    let n = 0;
    for (const segment of this.segments) n += segment.postings.documentFrequency(term);
    return n - (this.overlay.deletedFrequency.get(term) ?? 0);
  }

  surfaceForm(term: string): string | undefined {
    const { surfaceForms } = this.overlay;
    if (surfaceForms.has(term)) return surfaceForms.get(term);
    // A term no change touched is spelled as the first segment that has it spells it.
    for (const segment of this.segments) {
      const surface = segment.postings.surfaceForm(term);
      if (surface !== undefined) return surface;
    }
    return undefined;
  }

  fuzzy(term: string, maxDistance: number): [term: string, distance: number][] {
    const found = new Map<string, number>();
    const near = [
      ...this.first.fuzzy(term, maxDistance),
      ...this.added.fuzzy(this.postingsList, term, maxDistance),
    ];
    for (const [t, distance] of near) if (!found.has(t) && this.has(t)) found.set(t, distance);
    return [...found].sort((a, b) => compareTerms(a[0], b[0]));
  }

  prefixed(prefix: string): string[] {
    const found = new Set<string>();
    const near = [
      ...this.first.prefixed(prefix),
      ...this.added.prefixed(this.postingsList, prefix),
    ];
    for (const t of near) if (this.has(t)) found.add(t);
    return [...found].sort(compareTerms);
  }

  *words(): Generator<[word: string, term: string]> {
    const seen = new Set<string>();
    const { deadWords } = this.overlay;
    for (const segment of this.segments) {
      for (const [word, term] of segment.postings.words()) {
        if (seen.has(word) || deadWords.has(word)) continue;
        seen.add(word);
        yield [word, term];
      }
    }
  }

  /** The first segment's corrector with the words the others add (see `AddedVocabulary`). */
  correctorSteps(): Steps<TypoCorrector> {
    return this.added.correctorSteps(this.postingsList, this.overlay.deadWords);
  }

  /**
   * Per field id, the lowest short id (in the whole index) of a live document that has the
   * term there: where a full build first met it. Walked without run objects: a change asks
   * for every term of an added article, in every segment.
   */
  firstDocuments(term: string): Map<number, number> {
    const first = new Map<number, number>();
    for (const { postings, global } of this.segments) {
      const { ids } = postings;
      postings.forEachRun(term, (fieldId, from, to) => {
        for (let k = from; k < to; k++) {
          const id = global[ids[k] as number] as number;
          if (id < 0) continue;
          const known = first.get(fieldId);
          if (known === undefined || id < known) first.set(fieldId, id);
          break;
        }
      });
    }
    return first;
  }

  /** The live documents that have the term, with the field, in no particular order. */
  *documentsWith(term: string): Generator<[id: number, fieldId: number]> {
    for (const segment of this.segments) {
      for (const run of segment.postings.get(term) ?? []) {
        for (const local of run.ids) {
          const id = segment.global[local] as number;
          if (id >= 0) yield [id, run.fieldId];
        }
      }
    }
  }

  private remember(cache: Map<string, boolean>, term: string, value: boolean): void {
    if (cache.size >= MAX_CACHED_TERMS) cache.clear();
    cache.set(term, value);
  }
}

function hasLivePosting(segment: SegmentView, term: string): boolean {
  for (const run of segment.postings.get(term) ?? []) {
    if (segment.identity && run.ids.length > 0) return true;
    for (const local of run.ids) if ((segment.global[local] as number) >= 0) return true;
  }
  return false;
}

/** One segment's run of a term in one field. */
interface SegmentRun {
  run: PostingRun;
  segment: SegmentView;
}

/**
 * The segments' runs of one field as one run in the whole index's short ids, ascending, deleted
 * documents left out, with their documents' lengths in the field: one pass. Renumbering keeps
 * each segment's order (its documents stand in knowledge order), so this is a merge of sorted
 * lists. Renumbering the big segment's run and merging the small ones into it pairwise copied
 * a common word's tens of thousands of postings once per segment, for every question after
 * every change.
 */
function* mergeSegmentRunsSteps(fieldId: number, list: readonly SegmentRun[]): Steps<PostingRun> {
  const [only] = list;
  if (list.length === 1 && only !== undefined && only.segment.identity) return only.run;
  const size = list.reduce((n, { run }) => n + run.ids.length, 0);
  const ids = new Uint32Array(size);
  const frequencies = new Uint16Array(size);
  const lengths = new Uint32Array(size);
  const next = list.map(({ run, segment }) => nextLive(run, segment, 0));
  let n = 0;
  let sinceYield = 0;
  for (;;) {
    if (n - sinceYield >= MERGE_STEP_POSTINGS) {
      sinceYield = n;
      yield;
    }
    let best = -1;
    let bestId = 0;
    for (let s = 0; s < list.length; s++) {
      const k = next[s] as number;
      const { run, segment } = list[s] as SegmentRun;
      if (k >= run.ids.length) continue;
      const id = segment.global[run.ids[k] as number] as number;
      if (best < 0 || id < bestId) {
        best = s;
        bestId = id;
      }
    }
    if (best < 0) break;
    const { run, segment } = list[best] as SegmentRun;
    const own = segment.postings.lengths[fieldId] as Uint32Array;
    const k = next[best] as number;
    ids[n] = bestId;
    frequencies[n] = run.frequencies[k] as number;
    lengths[n] = own[run.ids[k] as number] as number;
    n++;
    // The rest of this segment's run while it stays below every other segment's next id.
    let limit = Number.POSITIVE_INFINITY;
    for (let s = 0; s < list.length; s++) {
      if (s === best) continue;
      const j = next[s] as number;
      const other = list[s] as SegmentRun;
      if (j < other.run.ids.length) {
        limit = Math.min(limit, other.segment.global[other.run.ids[j] as number] as number);
      }
    }
    let j = k + 1;
    // Also while this step has postings to spare: the big segment's run can be most of a
    // common word's, and copied in one go it took 20-40 ms between two yields.
    for (; j < run.ids.length && n - sinceYield < MERGE_STEP_POSTINGS; j++) {
      const id = segment.global[run.ids[j] as number] as number;
      if (id < 0) continue;
      if (id > limit) break;
      ids[n] = id;
      frequencies[n] = run.frequencies[j] as number;
      lengths[n] = own[run.ids[j] as number] as number;
      n++;
    }
    next[best] = nextLive(run, segment, j);
  }
  return {
    fieldId,
    ids: ids.subarray(0, n),
    frequencies: frequencies.subarray(0, n),
    lengths: lengths.subarray(0, n),
  };
}

/** Postings merged between two possible yields. */
const MERGE_STEP_POSTINGS = 10_000;

/** The position of the first live posting of `run` from `k` on. */
function nextLive(run: PostingRun, segment: SegmentView, k: number): number {
  let j = k;
  while (j < run.ids.length && (segment.global[run.ids[j] as number] as number) < 0) j++;
  return j;
}
