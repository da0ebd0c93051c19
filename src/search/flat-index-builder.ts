import type { AsPlainObject } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import type { AcronymPair } from "../text/acronyms.ts";
import type { Steps } from "../util/cooperative.ts";
import type { VocabularyCounter } from "./documents.ts";
import { type FlatIndex, MAX_FREQUENCY } from "./flat-index.ts";

/** Terms handled between two possible yields. */
const STEP_TERMS = 2_000;

/** One segment's postings, compact: its runs (term slot, field) over its own arrays. */
interface Segment {
  /** The short id in the whole index of the segment's first document. */
  base: number;
  runSlots: Uint32Array;
  runFields: Uint8Array;
  /** Where each run starts; one more entry closes the last. */
  runStarts: Uint32Array;
  ids: Uint16Array | Uint32Array;
  frequencies: Uint16Array;
}

/**
 * Gathers the flat index from MiniSearch segments: MiniSearch indexes a few thousand documents
 * at a time (`addAll`), and its documented serialisation (`toJSON`) of each segment is kept in
 * typed arrays here; `finish` lays the segments' runs out term by term, short ids shifted by
 * the documents before each segment. Only one small MiniSearch is ever alive, which keeps a
 * 100,000-passage build's memory low, and every step is short.
 */
export class FlatIndexBuilder {
  private readonly fields: readonly string[];
  private readonly slots = new Map<string, number>();
  private readonly slotTerms: string[] = [];
  private readonly segments: Segment[] = [];
  private readonly lengths: number[][];
  private documents = 0;
  /**
   * Scratch space for one segment's postings, grown as needed and reused. Small at first: an
   * added article's segment has a few hundred postings, and 64k of them (384 KB) were made
   * and dropped for every article added.
   */
  private scratchIds = new Uint32Array(1 << 12);
  private scratchFrequencies = new Uint16Array(1 << 12);

  constructor(fields: readonly string[]) {
    this.fields = fields;
    this.lengths = fields.map(() => []);
  }

  /**
   * Keeps a segment indexed by MiniSearch, after the segments before it. Its first `padding`
   * documents are empty stand-ins (they have no postings) and are skipped.
   */
  *addSegment(
    segment: AsPlainObject,
    padding: number,
    documentIds: readonly string[],
  ): Steps<void> {
    const base = this.documents - padding;
    for (let id = padding; id < segment.nextId; id++) {
      if (segment.documentIds[id] !== documentIds[base + id]) {
        throw new Error(
          `segment document ${id} is ${segment.documentIds[id]}, not the one expected`,
        );
      }
      const lengths = segment.fieldLength[id] ?? [];
      for (let fieldId = 0; fieldId < this.fields.length; fieldId++) {
        this.lengths[fieldId]?.push(lengths[fieldId] ?? 0);
      }
    }
    this.documents += segment.nextId - padding;
    const runSlots: number[] = [];
    const runFields: number[] = [];
    const runStarts: number[] = [];
    let at = 0;
    let handled = 0;
    for (const [term, byField] of segment.index) {
      const slot = this.slotOf(term);
      for (const fieldKey in byField) {
        const frequencies = byField[fieldKey] ?? {};
        runSlots.push(slot);
        runFields.push(Number(fieldKey));
        runStarts.push(at);
        // Integer keys enumerate in ascending order: short ids stay sorted within a run.
        for (const id in frequencies) {
          this.ensureScratch(at + 1);
          this.scratchIds[at] = Number(id) - padding;
          this.scratchFrequencies[at] = Math.min(frequencies[id] ?? 0, MAX_FREQUENCY);
          at++;
        }
      }
      handled += 1;
      if (handled >= STEP_TERMS) {
        handled = 0;
        yield;
      }
    }
    runStarts.push(at);
    const ids =
      segment.nextId - padding <= 0xffff
        ? Uint16Array.from(this.scratchIds.subarray(0, at))
        : this.scratchIds.slice(0, at);
    this.segments.push({
      base: base + padding,
      runSlots: Uint32Array.from(runSlots),
      runFields: Uint8Array.from(runFields),
      runStarts: Uint32Array.from(runStarts),
      ids,
      frequencies: this.scratchFrequencies.slice(0, at),
    });
  }

  /** The flat index: what was added, and what the vocabulary counter saw. */
  *finish(vocabulary: VocabularyCounter, acronyms: readonly AcronymPair[]): Steps<FlatIndex> {
    // Terms in the order MiniSearch met them, then any the counter saw that nothing indexed.
    const firstSeen = [...vocabulary.indexOrder];
    const seen = new Set(firstSeen);
    for (const term of this.slotTerms) if (!seen.has(term)) firstSeen.push(term);
    for (const term of [...vocabulary.surfaceForms.keys(), ...vocabulary.words.values()]) {
      if (!seen.has(term)) {
        seen.add(term);
        firstSeen.push(term);
      }
    }
    yield;
    const terms = yield* vocabularyOrder(firstSeen);
    yield;
    const termIndex = new Map<string, number>();
    for (let t = 0; t < terms.length; t++) {
      termIndex.set(terms[t] as string, t);
      if ((t + 1) % STEP_TERMS === 0) yield;
    }
    yield;
    const fieldCount = this.fields.length;
    // Postings per (term, field), then where each run starts in the flat arrays.
    const runLength = new Uint32Array(terms.length * fieldCount);
    const termOfSlot = Uint32Array.from(this.slotTerms, (term) => termIndex.get(term) ?? 0);
    for (const s of this.segments) {
      for (let r = 0; r < s.runSlots.length; r++) {
        const key = (termOfSlot[s.runSlots[r] as number] as number) * fieldCount;
        const field = key + (s.runFields[r] as number);
        runLength[field] =
          (runLength[field] as number) +
          (s.runStarts[r + 1] as number) -
          (s.runStarts[r] as number);
      }
      yield;
    }
    let runs = 0;
    for (const n of runLength) if (n > 0) runs++;
    const termRuns = new Uint32Array(terms.length + 1);
    const runFields = new Uint8Array(runs);
    const runStarts = new Uint32Array(runs + 1);
    const cursor = new Uint32Array(terms.length * fieldCount);
    let run = 0;
    let postings = 0;
    for (let t = 0; t < terms.length; t++) {
      termRuns[t] = run;
      for (let f = 0; f < fieldCount; f++) {
        const n = runLength[t * fieldCount + f] as number;
        if (n === 0) continue;
        runFields[run] = f;
        runStarts[run] = postings;
        cursor[t * fieldCount + f] = postings;
        postings += n;
        run++;
      }
    }
    termRuns[terms.length] = run;
    runStarts[run] = postings;
    yield;
    const ids = new Uint32Array(postings);
    const frequencies = new Uint16Array(postings);
    yield;
    // Segments in order: within each run, short ids stay ascending.
    while (this.segments.length > 0) {
      const s = this.segments.shift() as Segment;
      for (let r = 0; r < s.runSlots.length; r++) {
        const key =
          (termOfSlot[s.runSlots[r] as number] as number) * fieldCount + (s.runFields[r] as number);
        let to = cursor[key] as number;
        for (let k = s.runStarts[r] as number; k < (s.runStarts[r + 1] as number); k++) {
          ids[to] = s.base + (s.ids[k] as number);
          frequencies[to] = s.frequencies[k] as number;
          to++;
        }
        cursor[key] = to;
      }
      yield;
    }
    yield;
    const documentFrequency = Uint32Array.from(
      terms,
      (term) => vocabulary.documentFrequency.get(term) ?? 0,
    );
    const fieldLengths = new Uint32Array(fieldCount * this.documents);
    for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
      fieldLengths.set(this.lengths[fieldId] ?? [], fieldId * this.documents);
      yield;
    }
    const averageFieldLength = this.lengths.map(runningAverage);
    yield;
    const surfaceForms = terms.map((term) => vocabulary.surfaceForms.get(term) ?? "");
    yield;
    return {
      fields: this.fields,
      documentCount: this.documents,
      averageFieldLength,
      fieldLengths,
      terms,
      termRuns,
      runFields,
      runStarts,
      ids,
      frequencies,
      documentFrequency,
      surfaceForms,
      words: [...vocabulary.words.keys()],
      wordTerms: Uint32Array.from(vocabulary.words.values(), (term) => termIndex.get(term) ?? 0),
      acronyms,
    };
  }

  private slotOf(term: string): number {
    let slot = this.slots.get(term);
    if (slot === undefined) {
      slot = this.slotTerms.push(term) - 1;
      this.slots.set(term, slot);
    }
    return slot;
  }

  private ensureScratch(size: number): void {
    if (size <= this.scratchIds.length) return;
    const ids = new Uint32Array(this.scratchIds.length * 2);
    ids.set(this.scratchIds);
    this.scratchIds = ids;
    const frequencies = new Uint16Array(this.scratchFrequencies.length * 2);
    frequencies.set(this.scratchFrequencies);
    this.scratchFrequencies = frequencies;
  }
}

/**
 * The order in which a MiniSearch index built from these terms lists them (its radix tree's
 * order, which depends on the order terms were added): the vocabulary is built in this order,
 * so fuzzy and prefix lookups list terms as they always have, and rankings stay the same.
 */
function* vocabularyOrder(firstSeen: readonly string[]): Steps<string[]> {
  const tree = new SearchableMap<true>();
  for (let i = 0; i < firstSeen.length; i++) {
    tree.set(firstSeen[i] as string, true);
    if ((i + 1) % STEP_TERMS === 0) yield;
  }
  // Walked a few thousand terms a step too: 11,000 terms (a merge of a few hundred passages)
  // took 12-32 ms in one step, measured on a busy machine.
  const terms: string[] = [];
  for (const term of tree.keys()) {
    if (terms.push(term) % STEP_TERMS === 0) yield;
  }
  return terms;
}

/** MiniSearch's average field length, worked out as it does, document by document. */
export function runningAverage(lengths: ArrayLike<number>): number {
  let average = 0;
  for (let count = 0; count < lengths.length; count++) {
    average = (average * count + (lengths[count] as number)) / (count + 1);
  }
  return average;
}
