import { StampSet } from "../util/stamp-set.ts";
import { BM25, type ConceptPlan, type TermSource } from "./plan.ts";
import { findPosting, type PostingRun } from "./postings.ts";

/** Field lengths of every document, per field id, as arrays: read once per posting scored. */
export type FieldLengths = readonly Uint32Array[];

/**
 * Per-document score accumulators, made once per index and reused by every question (a
 * question is scored synchronously, so one set is enough): allocating them per question made
 * garbage collection a third of the cost of answering at 100,000 passages.
 */
export class ScoreAccumulator {
  readonly score: Float64Array;
  /** Bit i: the document matches concept i somehow (the word, an alias, a correction). */
  readonly mask: Int32Array;
  /** Bit i: the document matches concept i as asked or through an alias, not a guess. */
  readonly exact: Int32Array;
  /** The documents with a non-zero mask, in the order first reached: `touched[0…count)`. */
  readonly touched: Uint32Array;
  /** How many documents `touched` holds. */
  count = 0;
  /** One concept's best way of being said, per document, before it joins `score`. */
  private readonly concept: Float64Array;
  private readonly conceptExact: Uint8Array;
  /**
   * The documents the current concept reached, in the order first reached: an array that grew
   * to a common word's tens of thousands of postings was garbage on every question.
   */
  private readonly conceptTouched: Uint32Array;
  private conceptCount = 0;
  /** Documents already probed for the current name. */
  private readonly seen: StampSet;
  /** What scoring a name by its words' postings works in: made the first time it is. */
  private nameScratch: NameScratch | undefined;

  constructor(documentCount: number) {
    this.score = new Float64Array(documentCount);
    this.mask = new Int32Array(documentCount);
    this.exact = new Int32Array(documentCount);
    this.touched = new Uint32Array(documentCount);
    this.concept = new Float64Array(documentCount);
    this.conceptExact = new Uint8Array(documentCount);
    this.conceptTouched = new Uint32Array(documentCount);
    this.seen = new StampSet(documentCount);
  }

  /** Starts a new name: no document seen yet. */
  forgetSeen(): void {
    this.seen.clear();
  }

  /** Scratch arrays for a name scored through its words' postings, zeroed between names. */
  names(): NameScratch {
    this.nameScratch ??= new NameScratch(this.score.length);
    return this.nameScratch;
  }

  /** Whether this is the first sight of `id` since `forgetSeen` (and marks it seen). */
  seeFirst(id: number): boolean {
    return this.seen.addNew(id);
  }

  add(id: number, value: number, bit: number, exact: boolean): void {
    const { mask } = this;
    const known = mask[id] as number;
    if (known === 0) this.touched[this.count++] = id;
    mask[id] = known | bit;
    (this.score as Float64Array)[id] = (this.score[id] as number) + value;
    if (exact) this.exact[id] = (this.exact[id] as number) | bit;
  }

  /**
   * `add` for every posting of a run, each weighed `w` × its BM25+ term weight: the loop that a
   * common word runs tens of thousands of times, kept to local arrays.
   */
  addRun(
    { ids, frequencies, lengths }: PostingRun,
    fieldLengths: Uint32Array | undefined,
    average: number,
    w: number,
    bit: number,
    exact: boolean,
  ): void {
    const { score, mask, touched } = this;
    const exactBits = this.exact;
    const { k: k1, b, d } = BM25;
    let count = this.count;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      const tf = frequencies[k] as number;
      const length =
        lengths !== undefined
          ? (lengths[k] as number)
          : fieldLengths === undefined
            ? 0
            : (fieldLengths[id] as number);
      // bm25() written out, operation for operation, so that scores stay identical.
      const value = w * (d + (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / average)));
      const known = mask[id] as number;
      if (known === 0) touched[count++] = id;
      mask[id] = known | bit;
      score[id] = (score[id] as number) + value;
      if (exact) exactBits[id] = (exactBits[id] as number) | bit;
    }
    this.count = count;
  }

  /** Keeps the better of this and earlier ways of saying the current concept. */
  offer(id: number, value: number, exact: boolean): void {
    const known = this.concept[id] ?? 0;
    if (known === 0 && this.conceptExact[id] === 0) this.conceptTouched[this.conceptCount++] = id;
    if (value > known) this.concept[id] = value;
    if (exact) this.conceptExact[id] = 1;
  }

  /** Adds the current concept's best per document, once, and clears it for the next. */
  settle(bit: number, scale: number): void {
    const { concept, conceptExact, conceptTouched, conceptCount } = this;
    for (let k = 0; k < conceptCount; k++) {
      const id = conceptTouched[k] as number;
      this.add(id, scale * (concept[id] as number), bit, conceptExact[id] === 1);
      concept[id] = 0;
      conceptExact[id] = 0;
    }
    this.conceptCount = 0;
  }

  /** Zeroes what the last question touched, ready for the next. */
  reset(): void {
    const { touched, score, mask, exact, count } = this;
    // A broad question touches a good share of the index: clearing it all at once is faster
    // than visiting each document at random.
    if (count > score.length >> 4) {
      score.fill(0);
      mask.fill(0);
      exact.fill(0);
    } else {
      for (let k = 0; k < count; k++) {
        const id = touched[k] as number;
        score[id] = 0;
        mask[id] = 0;
        exact[id] = 0;
      }
    }
    this.count = 0;
  }
}

/**
 * Scores term at a time into `into` (reset first): each posting of each planned term is read
 * once, so a common word costs one pass over its postings, not a result object per document.
 * A concept counts once per document, by its best way of being said: a topic with many names
 * (Iran, Tehran, Iranian) must not outweigh the rare word that singles out the passage.
 * `scales[i]` weighs concept i's score (0: it only counts as matched).
 */
export function scoreConcepts(
  plans: readonly ConceptPlan[],
  scales: readonly number[],
  lengths: FieldLengths,
  averages: readonly number[],
  into: ScoreAccumulator,
  nameScoring: NameScoring = chooseNameScoring,
): ScoreAccumulator {
  into.reset();
  plans.forEach((plan, i) => {
    const bit = 1 << i;
    const scale = scales[i] ?? 1;
    for (const words of plan.alternatives) {
      const [only] = words;
      if (words.length === 1 && only !== undefined) {
        for (const source of only) {
          const exact = source.weight === 1;
          for (const [fieldId, docs, weight] of source.fields) {
            const fieldLengths = lengths[fieldId];
            const average = averages[fieldId] || 1;
            const w = weight * (plan.alternatives.length === 1 ? scale : 1);
            if (plan.alternatives.length === 1) {
              into.addRun(docs, fieldLengths, average, w, bit, exact);
              continue;
            }
            const { ids, frequencies } = docs;
            for (let k = 0; k < ids.length; k++) {
              const id = ids[k] as number;
              const value =
                w * bm25(frequencies[k] as number, lengthAt(docs, k, fieldLengths), average);
              into.offer(id, value, exact);
            }
          }
        }
        continue;
      }
      const score = nameScoring(words) === "postings" ? scoreNameByPostings : scoreName;
      score(words, lengths, averages, into);
    }
    into.settle(bit, scale);
  });
  return into;
}

/** The index terms of `plans` that occur in the document: what a snippet marks. */
export function matchedTerms(plans: readonly ConceptPlan[], id: number): string[] {
  const terms = new Set<string>();
  for (const plan of plans) {
    for (const words of plan.alternatives) {
      for (const sources of words) {
        for (const s of sources) {
          if (s.fields.some(([, docs]) => findPosting(docs.ids, id) >= 0)) terms.add(s.term);
        }
      }
    }
  }
  return [...terms];
}

/**
 * A name of several words matches where every word does: each document of its rarest word is
 * probed for the others. Documents come as a set of them would list them (run after run, a
 * document once); within a run they ascend, so each other word's postings are read forward
 * from where the last document left them.
 */
function scoreName(
  words: readonly (readonly TermSource[])[],
  lengths: FieldLengths,
  averages: readonly number[],
  into: ScoreAccumulator,
): void {
  const rarest = rarestWord(words);
  const cursors = words.map((sources) => sources.map((s) => s.fields.map(() => 0)));
  const probed: Probed = { score: 0, exact: false };
  into.forgetSeen();
  for (const source of rarest) {
    for (const [, docs] of source.fields) {
      for (const perSource of cursors) for (const perField of perSource) perField.fill(0);
      for (const id of docs.ids) {
        if (!into.seeFirst(id)) continue;
        let total = 0;
        let exact = true;
        for (let w = 0; w < words.length; w++) {
          probe(words[w] as readonly TermSource[], id, lengths, averages, cursors[w] ?? [], probed);
          if (probed.score === 0) {
            total = 0;
            break;
          }
          total += probed.score;
          exact &&= probed.exact;
        }
        if (total > 0) into.offer(id, total, exact);
      }
    }
  }
}

/**
 * How a name of several words is scored: each document of its rarest word probed for the
 * others, or every word's postings read through. Both give the same scores in the same order.
 */
export type NameScoring = (words: readonly (readonly TermSource[])[]) => "probes" | "postings";

/**
 * Reading every posting of the other words costs less than probing for them once they are at
 * most this many times the rarest word's: a probe searches each field of each word, a posting
 * read is one addition ("in the United States" at 100,000 passages: 7,900 documents of
 * "united" probed in 3.2 ms).
 */
const POSTINGS_PER_PROBE = 8;

/** Probes where the rarest word is much rarer than the rest, reads postings elsewhere. */
export function chooseNameScoring(
  words: readonly (readonly TermSource[])[],
): "probes" | "postings" {
  const sizes = words.map(sizeOf);
  const total = sizes.reduce((a, b) => a + b, 0);
  return total <= Math.min(...sizes) * POSTINGS_PER_PROBE ? "postings" : "probes";
}

/** Marks in `NameScratch.state`: the low bits count the words a document has matched so far. */
const WORDS_MATCHED = 0x1f;
/** Reached by the name's first word: listed in `candidates`. */
const CANDIDATE = 0x20;
const THIS_WORD_EXACT = 0x40;
const ALL_WORDS_EXACT = 0x80;

/**
 * Per-document sums for a name scored through its words' postings: one word's score, the
 * sum over the words so far, and how many words matched and whether exactly.
 */
export class NameScratch {
  readonly word: Float64Array;
  readonly total: Float64Array;
  readonly state: Uint8Array;
  /** The documents of the name's first word, `candidates[0…count)`: none other can match. */
  readonly candidates: Uint32Array;
  count = 0;

  constructor(documentCount: number) {
    this.word = new Float64Array(documentCount);
    this.total = new Float64Array(documentCount);
    this.state = new Uint8Array(documentCount);
    this.candidates = new Uint32Array(documentCount);
  }

  /** Zeroes what the last name touched. */
  clear(): void {
    const { candidates, total, state, word } = this;
    for (let k = 0; k < this.count; k++) {
      const id = candidates[k] as number;
      total[id] = 0;
      state[id] = 0;
      word[id] = 0;
    }
    this.count = 0;
  }
}

/**
 * `scoreName` read word by word: each word's postings summed per document in the order a
 * probe sums them (source by source, field by field), then added to the documents that matched
 * every word before it, in the order of the words. Documents are offered as `scoreName` offers
 * them, so scores and their order are the same, bit for bit.
 */
function scoreNameByPostings(
  words: readonly (readonly TermSource[])[],
  lengths: FieldLengths,
  averages: readonly number[],
  into: ScoreAccumulator,
): void {
  if (words.length > WORDS_MATCHED) {
    scoreName(words, lengths, averages, into);
    return;
  }
  const scratch = into.names();
  words.forEach((sources, w) => {
    sumWord(sources, w, lengths, averages, scratch);
    addWord(w, scratch);
  });
  const rarest = rarestWord(words);
  const { total, state } = scratch;
  into.forgetSeen();
  for (const source of rarest) {
    for (const [, docs] of source.fields) {
      for (const id of docs.ids) {
        if (!into.seeFirst(id)) continue;
        const s = state[id] as number;
        if ((s & WORDS_MATCHED) === words.length && (total[id] as number) > 0) {
          into.offer(id, total[id] as number, (s & ALL_WORDS_EXACT) !== 0);
        }
      }
    }
  }
  scratch.clear();
}

/** Sums the `w`th word's score into `scratch.word` for each document that matched every word before it. */
function sumWord(
  sources: readonly TermSource[],
  w: number,
  lengths: FieldLengths,
  averages: readonly number[],
  scratch: NameScratch,
): void {
  const { word, state, candidates } = scratch;
  for (const source of sources) {
    const exact = source.weight === 1;
    for (const [fieldId, docs, weight] of source.fields) {
      const fieldLengths = lengths[fieldId];
      const average = averages[fieldId] || 1;
      const { ids, frequencies } = docs;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k] as number;
        const s = state[id] as number;
        if ((s & WORDS_MATCHED) !== w) continue;
        if ((s & CANDIDATE) === 0) candidates[scratch.count++] = id;
        word[id] =
          (word[id] as number) +
          weight * bm25(frequencies[k] as number, lengthAt(docs, k, fieldLengths), average);
        state[id] = s | CANDIDATE | (exact ? THIS_WORD_EXACT : 0);
      }
    }
  }
}

/** Adds the `w`th word's sums to the totals of the documents it matched, and clears them. */
function addWord(w: number, scratch: NameScratch): void {
  const { word, total, state, candidates } = scratch;
  for (let k = 0; k < scratch.count; k++) {
    const id = candidates[k] as number;
    const s = state[id] as number;
    if ((s & WORDS_MATCHED) !== w) continue;
    const score = word[id] as number;
    word[id] = 0;
    if (score === 0) {
      // As a probe that finds nothing, the document stops here: it never counts this word.
      state[id] = s & ~THIS_WORD_EXACT;
      continue;
    }
    total[id] = (total[id] as number) + score;
    const exact = (s & THIS_WORD_EXACT) !== 0 && (w === 0 || (s & ALL_WORDS_EXACT) !== 0);
    state[id] = (w + 1) | CANDIDATE | (exact ? ALL_WORDS_EXACT : 0);
  }
}

/** What `probe` found of one word in one document. */
interface Probed {
  score: number;
  exact: boolean;
}

/**
 * One word's score in the document `id`, into `out`. `cursors` (per source, per field) say
 * where its postings were left: documents come in ascending order, and each search starts
 * from its cursor and moves it on.
 */
function probe(
  sources: readonly TermSource[],
  id: number,
  lengths: FieldLengths,
  averages: readonly number[],
  cursors: readonly number[][],
  out: Probed,
): void {
  let score = 0;
  let exact = false;
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i] as TermSource;
    const from = cursors[i] as number[];
    for (let f = 0; f < source.fields.length; f++) {
      const [fieldId, docs, weight] = source.fields[f] as TermSource["fields"][number];
      const k = lowerBound(docs.ids, id, from[f] as number);
      from[f] = k;
      if (docs.ids[k] === id) {
        const tf = docs.frequencies[k] as number;
        score += weight * bm25(tf, lengthAt(docs, k, lengths[fieldId]), averages[fieldId] || 1);
        exact ||= source.weight === 1;
      }
    }
  }
  out.score = score;
  out.exact = exact;
}

/** The first position at or after `from` whose id is at least `id`: gallops, then halves. */
function lowerBound(ids: Uint32Array, id: number, from: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < ids.length && (ids[hi] as number) < id) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > ids.length) hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as number) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The field's length in the document of the run's `k`th posting. */
function lengthAt(run: PostingRun, k: number, fieldLengths: Uint32Array | undefined): number {
  if (run.lengths !== undefined) return run.lengths[k] as number;
  return fieldLengths?.[run.ids[k] as number] ?? 0;
}

/** BM25+ term weight without the inverse frequency, which the plan has folded into `weight`. */
function bm25(tf: number, length: number, average: number): number {
  return BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / average));
}

/**
 * The word of a name with the fewest postings (the first of equals): whose documents are offered,
 * in their order, however the name is scored, so both ways must choose it alike.
 */
function rarestWord(words: readonly (readonly TermSource[])[]): readonly TermSource[] {
  return words.reduce((a, b) => (sizeOf(b) < sizeOf(a) ? b : a));
}

function sizeOf(sources: readonly TermSource[]): number {
  return sources.reduce((n, s) => n + s.size, 0);
}
