import { BM25, type ConceptPlan, type TermSource } from "./plan.ts";

/** Field lengths of every document, per field id, as arrays: read once per posting scored. */
export type FieldLengths = readonly Float32Array[];

/**
 * Per-document score accumulators, made once per index and reused by every question (a
 * question is scored synchronously, so one set is enough): allocating them per question made
 * garbage collection a third of the cost of answering at 100,000 passages.
 */
export class ScoreAccumulator {
  readonly score: Float64Array;
  readonly mask: Int32Array;
  /** The documents with a non-zero mask, in the order first reached. */
  readonly touched: number[] = [];

  constructor(documentCount: number) {
    this.score = new Float64Array(documentCount);
    this.mask = new Int32Array(documentCount);
  }

  add(id: number, value: number, bit: number): void {
    if (this.mask[id] === 0) this.touched.push(id);
    this.score[id] = (this.score[id] ?? 0) + value;
    this.mask[id] = (this.mask[id] ?? 0) | bit;
  }

  /** Zeroes what the last question touched, ready for the next. */
  reset(): void {
    for (const id of this.touched) {
      this.score[id] = 0;
      this.mask[id] = 0;
    }
    this.touched.length = 0;
  }
}

/**
 * Scores term at a time into `into` (reset first): each posting of each planned term is read
 * once, so a common word costs one pass over its postings, not a result object per document.
 * A document's score is the sum, over the concepts it matches, of every way of saying the
 * concept that it contains (as MiniSearch sums an OR).
 */
export function scoreConcepts(
  plans: readonly ConceptPlan[],
  lengths: FieldLengths,
  averages: readonly number[],
  into: ScoreAccumulator,
): ScoreAccumulator {
  into.reset();
  plans.forEach((plan, i) => {
    const bit = 1 << i;
    for (const words of plan.alternatives) {
      const [only] = words;
      if (words.length === 1 && only !== undefined) {
        for (const source of only) {
          for (const [fieldId, docs, weight] of source.fields) {
            const fieldLengths = lengths[fieldId];
            const average = averages[fieldId] || 1;
            // forEach, not for…of: no [id, tf] array per posting.
            docs.forEach((tf, id) => {
              into.add(id, weight * bm25(tf, fieldLengths?.[id] ?? 0, average), bit);
            });
          }
        }
        continue;
      }
      // A name of several words matches where every word does: probe from the rarest.
      const rarest = words.reduce((a, b) => (sizeOf(b) < sizeOf(a) ? b : a));
      const candidates = new Set<number>();
      for (const s of rarest) {
        for (const [, docs] of s.fields) {
          docs.forEach((_, id) => {
            candidates.add(id);
          });
        }
      }
      for (const id of candidates) {
        let total = 0;
        for (const sources of words) {
          const s = probe(sources, id, lengths, averages);
          if (s === 0) {
            total = 0;
            break;
          }
          total += s;
        }
        if (total > 0) into.add(id, total, bit);
      }
    }
  });
  return into;
}

/** The index terms of `plans` that occur in the document: what a snippet marks. */
export function matchedTerms(plans: readonly ConceptPlan[], id: number): string[] {
  const terms = new Set<string>();
  for (const plan of plans) {
    for (const words of plan.alternatives) {
      for (const sources of words) {
        for (const s of sources) if (s.fields.some(([, docs]) => docs.has(id))) terms.add(s.term);
      }
    }
  }
  return [...terms];
}

function probe(
  sources: readonly TermSource[],
  id: number,
  lengths: FieldLengths,
  averages: readonly number[],
): number {
  let total = 0;
  for (const source of sources) {
    for (const [fieldId, docs, weight] of source.fields) {
      const tf = docs.get(id);
      if (tf !== undefined) {
        total += weight * bm25(tf, lengths[fieldId]?.[id] ?? 0, averages[fieldId] || 1);
      }
    }
  }
  return total;
}

/** BM25+ term weight without the inverse frequency, which the plan has folded into `weight`. */
function bm25(tf: number, length: number, average: number): number {
  return BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / average));
}

function sizeOf(sources: readonly TermSource[]): number {
  return sources.reduce((n, s) => n + s.size, 0);
}
