/**
 * Remembers event ids for a while, so that Slack's retries of an event are answered once: in
 * memory here (one process, forgotten on restart), in PostgreSQL across replicas (src/store).
 */
export interface SeenEvents {
  /** True the first time an id is offered within the TTL; false for repeats. */
  firstTime(id: string): Promise<boolean>;
}

export const SEEN_EVENTS_DEFAULTS = {
  /** Slack retries three times within about five minutes; keep ids a while longer. */
  ttlMs: 15 * 60_000,
  /** Bounds memory under a flood; the oldest ids go first. */
  maxIds: 10_000,
} as const;

export interface SeenEventsOptions {
  ttlMs?: number;
  maxIds?: number;
  now?: () => number;
}

export function createSeenEvents(options: SeenEventsOptions = {}): SeenEvents {
  const { ttlMs, maxIds } = { ...SEEN_EVENTS_DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  // Insertion order is age order, so expiry and eviction both take from the front.
  const seen = new Map<string, number>();
  return {
    async firstTime(id) {
      const t = now();
      for (const [old, at] of seen) {
        if (t - at < ttlMs && seen.size < maxIds) break;
        seen.delete(old);
      }
      if (seen.has(id)) return false;
      seen.set(id, t);
      return true;
    },
  };
}
