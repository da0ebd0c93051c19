/** At most `limit` uses per key in any `windowMs`: `take(key)` is false once it is used up. */
export interface RateLimit {
  take(key: string): boolean;
}

export function createRateLimit(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimit {
  const { limit, windowMs, now = Date.now } = options;
  const uses = new Map<string, number[]>();
  return {
    take(key) {
      const at = now();
      const recent = (uses.get(key) ?? []).filter((t) => at - t < windowMs);
      if (recent.length >= limit) {
        uses.set(key, recent);
        return false;
      }
      recent.push(at);
      uses.set(key, recent);
      // Keys whose window has passed are dropped as others arrive, so the map stays small.
      if (uses.size > 10_000) {
        for (const [k, times] of uses) if (times.every((t) => at - t >= windowMs)) uses.delete(k);
      }
      return true;
    },
  };
}
