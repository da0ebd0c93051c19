/**
 * The `k` items with the highest score, best first, without sorting them all: a question that
 * matches 30,000 passages needs its best ten.
 */
export function topK<T>(items: readonly T[], k: number, score: (item: T) => number): T[] {
  if (k >= items.length) return [...items].sort((a, b) => score(b) - score(a));
  const heap: T[] = []; // a min-heap on score: the root is the weakest of the best k so far
  const less = (i: number, j: number) => score(heap[i] as T) < score(heap[j] as T);
  const swap = (i: number, j: number) => {
    const t = heap[i] as T;
    heap[i] = heap[j] as T;
    heap[j] = t;
  };
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1)
        swap(i, (i - 1) >> 1);
    } else if (k > 0 && score(item) > score(heap[0] as T)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => score(b) - score(a));
}

/**
 * `topK` fed one item at a time, so that the caller needs no array of every match: the same
 * heap operations in the same order, so the same result, ties included.
 */
export class TopK<T> {
  private readonly heap: T[] = [];
  /** The first `k` items in the order offered: the result when no more come. */
  private firstK: T[] | undefined = [];
  count = 0;

  constructor(
    private readonly k: number,
    private readonly score: (item: T) => number,
  ) {}

  offer(item: T): void {
    this.count++;
    if (this.firstK !== undefined) {
      if (this.count <= this.k) this.firstK.push(item);
      else this.firstK = undefined;
    }
    if (!Number.isFinite(this.k)) return;
    const { heap, score } = this;
    if (heap.length < this.k) {
      heap.push(item);
      for (
        let i = heap.length - 1;
        i > 0 && score(heap[i] as T) < score(heap[(i - 1) >> 1] as T);
        i = (i - 1) >> 1
      ) {
        swap(heap, i, (i - 1) >> 1);
      }
    } else if (this.k > 0 && score(item) > score(heap[0] as T)) {
      heap[0] = item;
      siftDown(heap, score);
    }
  }

  /** The best `k`, best first. */
  best(): T[] {
    const { score } = this;
    const items = this.firstK ?? this.heap;
    return [...items].sort((a, b) => score(b) - score(a));
  }
}

function swap<T>(heap: T[], i: number, j: number): void {
  const t = heap[i] as T;
  heap[i] = heap[j] as T;
  heap[j] = t;
}

function siftDown<T>(heap: T[], score: (item: T) => number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && score(heap[l] as T) < score(heap[m] as T)) m = l;
    if (r < heap.length && score(heap[r] as T) < score(heap[m] as T)) m = r;
    if (m === i) return;
    swap(heap, i, m);
    i = m;
  }
}
