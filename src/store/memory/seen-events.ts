import { createExpiringMap } from "../../util/expiring-map.ts";
import type { SeenEvents } from "../types.ts";

export const DEFAULT_SEEN_EVENTS = {
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

/** Event ids in this process's memory: one process, forgotten on restart. */
export function createSeenEvents(options: SeenEventsOptions = {}): SeenEvents {
  const { ttlMs, maxIds } = { ...DEFAULT_SEEN_EVENTS, ...options };
  const seen = createExpiringMap<true>({
    // An id is new again once ttlMs has passed: on a clock of whole milliseconds, an age of
    // ttlMs - 1 at most is kept.
    retainMs: ttlMs - 1,
    maxEntries: maxIds,
    now: options.now ?? Date.now,
  });
  return {
    async firstTime(id) {
      if (seen.get(id)) return false;
      seen.set(id, true);
      return true;
    },
  };
}
