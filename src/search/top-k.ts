/**
 * The `k` items with the highest score, best first, without sorting them all: a question that
 * matches 30,000 passages needs its best ten. Equal scores keep the items' order, so the best
 * ten are the first ten of the best twenty: pages of results never overlap. Scores must not
 * change while items are being offered.
 */
export function topK<T>(items: readonly T[], k: number, score: (item: T) => number): T[] {
  const top = new TopK(k, score);
  for (const item of items) top.offer(item);
  return top.best();
}

/** An item in the heap, with when it was offered: the earlier of two equal scores ranks first. */
interface Entry<T> {
  item: T;
  order: number;
}

/** `topK` fed one item at a time, so that the caller needs no array of every match. */
export class TopK<T> {
  /** A min-heap: the root is the weakest of the best `k` so far. */
  private readonly heap: Entry<T>[] = [];
  /** The first `k` items in the order offered: the result when no more come. */
  private firstK: T[] | undefined = [];
  count = 0;
  /** The root's score: items offered while the heap is full must beat it. */
  private floor = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly k: number,
    private readonly score: (item: T) => number,
  ) {}

  offer(item: T): void {
    const order = this.count++;
    if (this.firstK !== undefined) {
      if (this.count <= this.k) this.firstK.push(item);
      else this.firstK = undefined;
    }
    if (!Number.isFinite(this.k) || this.k <= 0) return;
    const { heap } = this;
    // Once the heap is full most items rank below its root (a broad question offers thousands):
    // turn them away before making an entry. An equal score offered later ranks below too.
    if (heap.length >= this.k && this.score(item) <= this.floor) return;
    const entry = { item, order };
    if (heap.length < this.k) {
      heap.push(entry);
      for (let i = heap.length - 1; i > 0 && this.below(i, (i - 1) >> 1); i = (i - 1) >> 1) {
        swap(heap, i, (i - 1) >> 1);
      }
    } else {
      heap[0] = entry;
      this.siftDown();
    }
    this.floor = this.score((heap[0] as Entry<T>).item);
  }

  /**
   * The score an item must beat to be kept: the weakest kept once `k` are kept. A caller that
   * knows an item's score can `pass` it instead of offering it.
   */
  get threshold(): number {
    return this.heap.length >= this.k ? this.floor : Number.NEGATIVE_INFINITY;
  }

  /** Counts an item that scores at most `threshold`, which `offer` would turn away. */
  pass(): void {
    this.count++;
    this.firstK = undefined;
  }

  /** The best `k`, best first; equal scores in the order offered. */
  best(): T[] {
    const { score } = this;
    // A stable sort of the items in the order offered keeps equal scores in that order.
    if (this.firstK !== undefined) return [...this.firstK].sort((a, b) => score(b) - score(a));
    return [...this.heap]
      .sort((a, b) => score(b.item) - score(a.item) || a.order - b.order)
      .map((e) => e.item);
  }

  /** True when `a` ranks below `b`: a lower score, or the same score offered later. */
  private ranksBelow(a: Entry<T>, b: Entry<T>): boolean {
    const x = this.score(a.item);
    const y = this.score(b.item);
    return x < y || (x === y && a.order > b.order);
  }

  private below(i: number, j: number): boolean {
    return this.ranksBelow(this.heap[i] as Entry<T>, this.heap[j] as Entry<T>);
  }

  private siftDown(): void {
    const { heap } = this;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.below(l, m)) m = l;
      if (r < heap.length && this.below(r, m)) m = r;
      if (m === i) return;
      swap(heap, i, m);
      i = m;
    }
  }
}

function swap<T>(heap: T[], i: number, j: number): void {
  const t = heap[i] as T;
  heap[i] = heap[j] as T;
  heap[j] = t;
}
