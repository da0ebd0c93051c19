/**
 * The `k` items with the highest score, best first, without sorting them all: a question that
 * matches 30,000 passages needs its best ten. Equal scores keep the items' order, so the best
 * ten are the first ten of the best twenty: pages of results never overlap.
 */
export function topK<T>(items: readonly T[], k: number, score: (item: T) => number): T[] {
  const scoreAt = (i: number) => score(items[i] as T);
  // True when item i ranks below item j: a lower score, or the same score and later.
  const below = (i: number, j: number) => {
    const a = scoreAt(i);
    const b = scoreAt(j);
    return a < b || (a === b && i > j);
  };
  const order = (i: number, j: number) => (below(i, j) ? 1 : below(j, i) ? -1 : 0);
  if (k >= items.length)
    return items
      .map((_, i) => i)
      .sort(order)
      .map((i) => items[i] as T);
  const heap: number[] = []; // a min-heap of positions: the root is the weakest of the best k
  const less = (a: number, b: number) => below(heap[a] as number, heap[b] as number);
  const swap = (a: number, b: number) => {
    const t = heap[a] as number;
    heap[a] = heap[b] as number;
    heap[b] = t;
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
  for (let item = 0; item < items.length; item++) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1)
        swap(i, (i - 1) >> 1);
    } else if (k > 0 && below(heap[0] as number, item)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(order).map((i) => items[i] as T);
}
