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
