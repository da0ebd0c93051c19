/**
 * Runs `run` over `items`, at most `limit` at a time, results in the items' order: for work that
 * mostly waits (fetches, file stats), where starting thousands at once would hold the event
 * loop while they are all issued and again while they all complete.
 */
export async function mapAtMost<T, R>(
  limit: number,
  items: readonly T[],
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
