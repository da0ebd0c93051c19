/**
 * The `k` ids with the highest score, best first, without sorting them all: a question that
 * matches 30,000 passages needs its best ten. Equal scores keep the ids' order, so the best ten
 * are the first ten of the best twenty: pages of results never overlap.
 */
export function topK(ids: readonly number[], k: number, score: (id: number) => number): number[] {
  const top = new TopK(k);
  for (const id of ids) top.offer(id, score(id));
  return top.best();
}

/** Room a heap starts with when `k` is larger: most questions keep few. */
const INITIAL_CAPACITY = 64;

/**
 * `topK` fed one id at a time with its score, so that the caller needs no array of every match.
 * The kept ids, their scores and when each was offered sit in typed arrays, not an object each:
 * a broad question offers thousands, and a score read through a function was a number boxed
 * on the heap at every comparison (21 KB of garbage a question at 100,000 passages).
 */
export class TopK {
  /** A min-heap in three columns: the root is the weakest of the best `k` so far. */
  private ids: Int32Array;
  private scores: Float64Array;
  /** When each was offered: the earlier of two equal scores ranks first. */
  private orders: Float64Array;
  private size = 0;
  /** Offered or passed so far. */
  count = 0;

  constructor(private readonly k: number) {
    const capacity = Math.max(0, Math.min(k, INITIAL_CAPACITY));
    this.ids = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.orders = new Float64Array(capacity);
  }

  /**
   * The score an id must beat to be kept: the weakest kept once `k` are kept. A caller that
   * knows an id's score can `pass` it instead of offering it.
   */
  get threshold(): number {
    return this.size >= this.k && this.size > 0
      ? (this.scores[0] as number)
      : Number.NEGATIVE_INFINITY;
  }

  offer(id: number, score: number): void {
    const order = this.count++;
    if (!(this.k > 0)) return;
    if (this.size < this.k) {
      if (this.size === this.ids.length) this.grow();
      let i = this.size++;
      this.put(i, id, score, order);
      for (let up = (i - 1) >> 1; i > 0 && this.below(i, up); i = up, up = (i - 1) >> 1) {
        this.swap(i, up);
      }
      return;
    }
    // Once the heap is full most ids rank below its root (a broad question offers thousands):
    // an equal score offered later ranks below too.
    if (score <= (this.scores[0] as number)) return;
    this.put(0, id, score, order);
    this.siftDown();
  }

  /** Counts an id that scores at most `threshold`, which `offer` would turn away. */
  pass(): void {
    this.count++;
  }

  /** The best `k`, best first; equal scores in the order offered. */
  best(): number[] {
    const at = Array.from({ length: this.size }, (_, i) => i);
    const { ids, scores, orders } = this;
    at.sort(
      (a, b) =>
        (scores[b] as number) - (scores[a] as number) ||
        (orders[a] as number) - (orders[b] as number),
    );
    return at.map((i) => ids[i] as number);
  }

  private put(i: number, id: number, score: number, order: number): void {
    this.ids[i] = id;
    this.scores[i] = score;
    this.orders[i] = order;
  }

  private grow(): void {
    const capacity = Math.min(this.k, Math.max(INITIAL_CAPACITY, this.ids.length * 2));
    const ids = new Int32Array(capacity);
    const scores = new Float64Array(capacity);
    const orders = new Float64Array(capacity);
    ids.set(this.ids);
    scores.set(this.scores);
    orders.set(this.orders);
    this.ids = ids;
    this.scores = scores;
    this.orders = orders;
  }

  /** True when the entry at `i` ranks below the one at `j`: a lower score, or the same later. */
  private below(i: number, j: number): boolean {
    const x = this.scores[i] as number;
    const y = this.scores[j] as number;
    return x < y || (x === y && (this.orders[i] as number) > (this.orders[j] as number));
  }

  private swap(i: number, j: number): void {
    const { ids, scores, orders } = this;
    const id = ids[i] as number;
    const score = scores[i] as number;
    const order = orders[i] as number;
    ids[i] = ids[j] as number;
    scores[i] = scores[j] as number;
    orders[i] = orders[j] as number;
    ids[j] = id;
    scores[j] = score;
    orders[j] = order;
  }

  private siftDown(): void {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.below(l, m)) m = l;
      if (r < this.size && this.below(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
