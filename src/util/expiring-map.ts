/** A bounded in-memory map whose entries are forgotten after a while. */
export interface ExpiringMapOptions<V = unknown> {
  /** Entries older than this (in ms) are forgotten. */
  retainMs: number;
  /** The oldest entries go first beyond this many. */
  maxEntries: number;
  /** The clock, in ms. */
  now: () => number;
  /**
   * With `sizeOf`, the oldest entries also go first beyond this many characters of keys and
   * values together: entries are bounded in memory, not only in number.
   */
  maxChars?: number;
  /** The characters an entry's value holds (its strings' lengths). */
  sizeOf?: (value: V) => number;
}

export interface ExpiringMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  size(): number;
}

/**
 * Insertion-ordered Map: re-setting a key moves it to the end, so the first entries are the
 * least recently written, which are the ones to forget (by age and by count alike).
 */
export function createExpiringMap<V>(options: ExpiringMapOptions<V>): ExpiringMap<V> {
  const entries = new Map<string, { value: V; at: number; chars: number }>();
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  const sizeOf = options.sizeOf ?? (() => 0);
  let chars = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    chars -= entry.chars;
    entries.delete(key);
  };
  const prune = () => {
    const oldest = options.now() - options.retainMs;
    for (const [key, entry] of entries) {
      if (entry.at >= oldest && entries.size <= options.maxEntries && chars <= maxChars) break;
      remove(key);
    }
  };
  return {
    get(key) {
      prune();
      return entries.get(key)?.value;
    },
    set(key, value) {
      remove(key);
      const size = key.length + sizeOf(value);
      entries.set(key, { value, at: options.now(), chars: size });
      chars += size;
      prune();
    },
    delete: remove,
    size: () => entries.size,
  };
}
