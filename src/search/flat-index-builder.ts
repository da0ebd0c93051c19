import type { AsPlainObject } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import type { Steps } from "../steps.ts";
import type { IndexedDocument, VocabularyCounter } from "./documents.ts";
import { type FlatIndex, MAX_FREQUENCY } from "./flat-index.ts";

/** Postings, or terms, handled between two possible yields. */
const STEP_POSTINGS = 20_000;
const STEP_TERMS = 5_000;

/**
 * Gathers the flat index from MiniSearch segments: MiniSearch indexes a few thousand documents
 * at a time (`addAll`), and its documented serialisation (`toJSON`) of each segment is appended
 * here, short ids shifted by the documents before it. Only one small MiniSearch is ever alive,
 * which keeps the memory of a 100,000-passage build low, and each step is short.
 */
export class FlatIndexBuilder {
  private readonly fields: readonly string[];
  /** Terms in the order MiniSearch first meets them (what decides its vocabulary's order). */
  private readonly firstSeen: string[] = [];
  private readonly slots = new Map<string, number>();
  /** Per term slot and field id: short id and frequency pairs, in ascending short id. */
  private readonly postings: number[][][] = [];
  private readonly lengths: number[][];
  private documents = 0;

  constructor(fields: readonly string[]) {
    this.fields = fields;
    this.lengths = fields.map(() => []);
  }

  /** Notes the terms of documents about to be indexed, in MiniSearch's order of adding them. */
  noteDocuments(documents: readonly IndexedDocument[]): void {
    for (const document of documents) {
      for (const field of this.fields) {
        const text = document[field as keyof IndexedDocument];
        if (text === "") continue;
        for (const term of text.split(" ")) this.slotOf(term);
      }
    }
  }

  /** Appends a segment indexed by MiniSearch after the segments before it. */
  *addSegment(segment: AsPlainObject, documentIds: readonly string[]): Steps<void> {
    const base = this.documents;
    for (let id = 0; id < segment.documentCount; id++) {
      if (segment.documentIds[id] !== documentIds[base + id]) {
        throw new Error(
          `segment document ${id} is ${segment.documentIds[id]}, not the one expected`,
        );
      }
      const lengths = segment.fieldLength[id] ?? [];
      this.fields.forEach((_, fieldId) => {
        this.lengths[fieldId]?.push(lengths[fieldId] ?? 0);
      });
    }
    this.documents += segment.documentCount;
    let handled = 0;
    for (const [term, byField] of segment.index) {
      const perField = this.postingsOf(this.slotOf(term));
      for (const fieldKey in byField) {
        const fieldId = Number(fieldKey);
        let pairs = perField[fieldId];
        if (pairs === undefined) {
          pairs = [];
          perField[fieldId] = pairs;
        }
        const frequencies = byField[fieldKey] ?? {};
        // Integer keys enumerate in ascending order: short ids stay sorted within a run.
        for (const id in frequencies) {
          pairs.push(base + Number(id), Math.min(frequencies[id] ?? 0, MAX_FREQUENCY));
          handled++;
        }
      }
      if (handled >= STEP_POSTINGS) {
        handled = 0;
        yield;
      }
    }
  }

  /** The flat index, built from what was added and what the vocabulary counter saw. */
  *finish(vocabulary: VocabularyCounter): Steps<FlatIndex> {
    for (const term of vocabulary.surfaceForms.keys()) this.slotOf(term);
    for (const term of vocabulary.words.values()) this.slotOf(term);
    const order = yield* vocabularyOrder(this.firstSeen);
    const fieldCount = this.fields.length;
    let runs = 0;
    let postings = 0;
    for (const slot of order) {
      for (const pairs of this.postings[slot] ?? []) {
        if (pairs && pairs.length > 0) {
          runs++;
          postings += pairs.length / 2;
        }
      }
    }
    const terms: string[] = [];
    const termRuns = new Uint32Array(order.length + 1);
    const runFields = new Uint8Array(runs);
    const runStarts = new Uint32Array(runs + 1);
    const ids = new Uint32Array(postings);
    const frequencies = new Uint16Array(postings);
    const documentFrequency = new Uint32Array(order.length);
    const surfaceForms: string[] = [];
    const termIndex = new Map<string, number>();
    let run = 0;
    let at = 0;
    let handled = 0;
    for (const [t, slot] of order.entries()) {
      const term = this.firstSeen[slot] as string;
      terms.push(term);
      termIndex.set(term, t);
      surfaceForms.push(vocabulary.surfaceForms.get(term) ?? "");
      documentFrequency[t] = vocabulary.documentFrequency.get(term) ?? 0;
      termRuns[t] = run;
      const perField = this.postings[slot] ?? [];
      for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
        const pairs = perField[fieldId];
        if (!pairs || pairs.length === 0) continue;
        runFields[run] = fieldId;
        runStarts[run] = at;
        for (let i = 0; i < pairs.length; i += 2) {
          ids[at] = pairs[i] as number;
          frequencies[at] = pairs[i + 1] as number;
          at++;
        }
        run++;
        handled += pairs.length / 2;
      }
      // What is copied is garbage: let it go as the copy proceeds.
      this.postings[slot] = [];
      if (handled >= STEP_POSTINGS) {
        handled = 0;
        yield;
      }
    }
    termRuns[order.length] = run;
    runStarts[run] = at;
    const fieldLengths = new Uint32Array(fieldCount * this.documents);
    this.lengths.forEach((lengths, fieldId) => {
      fieldLengths.set(lengths, fieldId * this.documents);
    });
    const words = [...vocabulary.words.keys()];
    const wordTerms = Uint32Array.from(
      vocabulary.words.values(),
      (term) => termIndex.get(term) ?? 0,
    );
    return {
      fields: this.fields,
      documentCount: this.documents,
      averageFieldLength: this.lengths.map(runningAverage),
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
      wordTerms,
    };
  }

  private slotOf(term: string): number {
    let slot = this.slots.get(term);
    if (slot === undefined) {
      slot = this.firstSeen.push(term) - 1;
      this.slots.set(term, slot);
    }
    return slot;
  }

  private postingsOf(slot: number): number[][] {
    let perField = this.postings[slot];
    if (perField === undefined) {
      perField = [];
      this.postings[slot] = perField;
    }
    return perField;
  }
}

/**
 * The order in which a MiniSearch index built from these terms lists them (its radix tree's
 * order, which depends on the order terms were added): the vocabulary is built in this order,
 * so fuzzy and prefix lookups list terms as they always have, and rankings stay the same.
 */
function* vocabularyOrder(firstSeen: readonly string[]): Steps<number[]> {
  const tree = new SearchableMap<number>();
  for (let slot = 0; slot < firstSeen.length; slot++) {
    tree.set(firstSeen[slot] as string, slot);
    if ((slot + 1) % STEP_TERMS === 0) yield;
  }
  return [...tree.values()];
}

/** MiniSearch's average field length, worked out as it does, document by document. */
function runningAverage(lengths: readonly number[]): number {
  let average = 0;
  lengths.forEach((length, count) => {
    average = (average * count + length) / (count + 1);
  });
  return average;
}
