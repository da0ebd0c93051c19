/** A bounded in-memory map whose entries are forgotten after a while. */
export interface ExpiringMapOptions {
  /** Entries older than this (in ms) are forgotten. */
  retainMs: number;
  /** The oldest entries go first beyond this many. */
  maxEntries: number;
  /** The clock, in ms. */
  now: () => number;
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
export function createExpiringMap<V>(options: ExpiringMapOptions): ExpiringMap<V> {
  const entries = new Map<string, { value: V; at: number }>();
  const prune = () => {
    const oldest = options.now() - options.retainMs;
    for (const [key, entry] of entries) {
      if (entry.at >= oldest && entries.size <= options.maxEntries) break;
      entries.delete(key);
    }
  };
  return {
    get(key) {
      prune();
      return entries.get(key)?.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, at: options.now() });
      prune();
    },
    delete: (key) => void entries.delete(key),
    size: () => entries.size,
  };
}
