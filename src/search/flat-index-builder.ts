import SearchableMap from "minisearch/SearchableMap";
import type { AcronymPair } from "../text/acronyms.ts";
import type { Steps } from "../util/cooperative.ts";
import { grown } from "../util/grown.ts";
import { compareTerms } from "./compare-terms.ts";
import type { IndexedDocument, VocabularyCounter } from "./documents.ts";
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
 * Gathers the flat index from documents whose fields hold finished terms, space-joined (see
 * documents.ts), counted as MiniSearch counts them with `MINISEARCH_OPTIONS`: a field's terms
 * are its text split at spaces, its length the number of distinct ones. A few thousand
 * documents' postings at a time are kept in scratch typed arrays, then sorted into a segment's
 * runs (`closeSegment`); `finish` lays the segments' runs out term by term. Building through
 * MiniSearch made a map entry per posting and a plain object per posting again for its
 * `toJSON`: at 100,000 passages gigabytes of garbage that lived long enough to reach the old
 * generation, and a heap that grew to four times the knowledge before each collection
 * (a cold start's peak RSS, 720 MB). What lives here between documents is typed arrays.
 */
export class FlatIndexBuilder {
  private readonly fields: readonly string[];
  private readonly slots = new Map<string, number>();
  private readonly slotTerms: string[] = [];
  private readonly segments: Segment[] = [];
  /** Per field id, then short id, as `FlatIndex.fieldLengths`. */
  private readonly fieldLengths: Uint32Array;
  private readonly expected: number;
  private documents = 0;
  /** The short id of the open segment's first document. */
  private segmentBase = 0;
  /**
   * The open segment's postings, in document order: run key (slot × fields + field), short
   * id and frequency. Small at first: an added article has a few hundred postings, and bigger
   * scratch arrays were made and dropped for every article added.
   */
  private scratchKeys = new Uint32Array(1 << 12);
  private scratchIds = new Uint32Array(1 << 12);
  private scratchFrequencies = new Uint16Array(1 << 12);
  private postings = 0;
  /** Per slot: the field of a document last seen with it (`fieldMark`) and its posting. */
  private slotMarks = new Uint32Array(1 << 12);
  private slotPostings = new Uint32Array(1 << 12);
  /** Numbers each (document, field) read, from 1: a slot's mark equal to it was seen in it. */
  private fieldMark = 0;
  /** Postings per run key while a segment is sorted into runs. */
  private keyCounts = new Uint32Array(0);

  /** `documents`: how many will be added, facts first, then passages (see `documentIdsOf`). */
  constructor(fields: readonly string[], documents: number) {
    this.fields = fields;
    this.expected = documents;
    this.fieldLengths = new Uint32Array(fields.length * documents);
  }

  /** Documents added since the open segment began. */
  get segmentDocuments(): number {
    return this.documents - this.segmentBase;
  }

  /** Adds the next document: its postings go into the open segment. */
  addDocument(document: IndexedDocument): void {
    const id = this.documents++;
    if (id >= this.expected) throw new Error(`more than the ${this.expected} documents expected`);
    const fieldCount = this.fields.length;
    for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
      const text = document[this.fields[fieldId] as keyof IndexedDocument];
      if (text === "") continue;
      const mark = ++this.fieldMark;
      let distinct = 0;
      let empty = 0;
      for (const term of text.split(" ")) {
        // MiniSearch counts an empty term in the field's length but indexes nothing for it.
        if (term === "") {
          empty = 1;
          continue;
        }
        const slot = this.slotOf(term);
        if (this.slotMarks[slot] === mark) {
          const at = this.slotPostings[slot] as number;
          this.scratchFrequencies[at] = Math.min(
            (this.scratchFrequencies[at] as number) + 1,
            MAX_FREQUENCY,
          );
          continue;
        }
        distinct++;
        this.slotMarks[slot] = mark;
        this.slotPostings[slot] = this.postings;
        this.ensureScratch(this.postings + 1);
        this.scratchKeys[this.postings] = slot * fieldCount + fieldId;
        this.scratchIds[this.postings] = id - this.segmentBase;
        this.scratchFrequencies[this.postings] = 1;
        this.postings++;
      }
      this.fieldLengths[fieldId * this.expected + id] = distinct + empty;
    }
  }

  /**
   * Sorts the open segment's postings into runs, by term slot then field, short ids ascending
   * within each (a counting sort, stable: they were added in document order), and keeps them.
   */
  closeSegment(): void {
    const count = this.postings;
    const documents = this.segmentDocuments;
    if (documents === 0) return;
    const keys = this.slotTerms.length * this.fields.length;
    if (this.keyCounts.length < keys + 1)
      this.keyCounts = new Uint32Array(Math.max(keys + 1, this.keyCounts.length * 2));
    const counts = this.keyCounts;
    counts.fill(0, 0, keys + 1);
    for (let p = 0; p < count; p++) {
      const key = this.scratchKeys[p] as number;
      counts[key] = (counts[key] as number) + 1;
    }
    let runs = 0;
    for (let k = 0; k < keys; k++) if ((counts[k] as number) > 0) runs++;
    const runSlots = new Uint32Array(runs);
    const runFields = new Uint8Array(runs);
    const runStarts = new Uint32Array(runs + 1);
    let run = 0;
    let at = 0;
    for (let k = 0; k < keys; k++) {
      const n = counts[k] as number;
      if (n === 0) continue;
      runSlots[run] = Math.floor(k / this.fields.length);
      runFields[run] = k % this.fields.length;
      runStarts[run] = at;
      // From here on, where the key's next posting goes.
      counts[k] = at;
      at += n;
      run++;
    }
    runStarts[runs] = at;
    const ids = documents <= 0xffff ? new Uint16Array(count) : new Uint32Array(count);
    const frequencies = new Uint16Array(count);
    for (let p = 0; p < count; p++) {
      const key = this.scratchKeys[p] as number;
      const to = counts[key] as number;
      counts[key] = to + 1;
      ids[to] = this.scratchIds[p] as number;
      frequencies[to] = this.scratchFrequencies[p] as number;
    }
    this.segments.push({
      base: this.segmentBase,
      runSlots,
      runFields,
      runStarts,
      ids,
      frequencies,
    });
    this.segmentBase = this.documents;
    this.postings = 0;
  }

  /** The flat index: what was added, and what the vocabulary counter saw. */
  *finish(vocabulary: VocabularyCounter, acronyms: readonly AcronymPair[]): Steps<FlatIndex> {
    if (this.documents !== this.expected) {
      throw new Error(`${this.documents} documents added of the ${this.expected} expected`);
    }
    this.closeSegment();
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
    const fieldLengths = this.fieldLengths;
    const averageFieldLength = this.fields.map((_, fieldId) =>
      runningAverage(
        fieldLengths.subarray(fieldId * this.documents, (fieldId + 1) * this.documents),
      ),
    );
    yield;
    const surfaceForms = terms.map((term) => vocabulary.surfaceForms.get(term) ?? "");
    yield;
    // In order, so that a start's typo corrector over them is read off with no sort of its own
    // (sorting 44,000 words at 100,000 passages cost a first misspelled question 25-40 ms).
    const words = [...vocabulary.words.keys()].sort(compareTerms);
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
      words,
      wordTerms: Uint32Array.from(
        words,
        (word) => termIndex.get(vocabulary.words.get(word) ?? "") ?? 0,
      ),
      acronyms,
    };
  }

  private slotOf(term: string): number {
    let slot = this.slots.get(term);
    if (slot === undefined) {
      slot = this.slotTerms.push(term) - 1;
      this.slots.set(term, slot);
      if (slot >= this.slotMarks.length) {
        this.slotMarks = grown(this.slotMarks);
        this.slotPostings = grown(this.slotPostings);
      }
    }
    return slot;
  }

  private ensureScratch(size: number): void {
    if (size <= this.scratchIds.length) return;
    this.scratchKeys = grown(this.scratchKeys);
    this.scratchIds = grown(this.scratchIds);
    this.scratchFrequencies = grown(this.scratchFrequencies);
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
