import {
  DEFAULT_MORE_OPTIONS,
  keptPage,
  type LastQuestion,
  type MoreKey,
  type MoreOptions,
  type MoreStore,
} from "../../conversation/more-store.ts";
import { createExpiringMap } from "../../util/expiring-map.ts";
import { clockOf } from "./clock.ts";

/**
 * The default MoreStore: memory only (a restart forgets, which costs someone a retyped
 * question). Expired entries are kept a further ttl, so `more` can say "expired" rather than
 * "ask a question first".
 */
export function createMemoryMoreStore(
  options: Partial<MoreOptions> & { now?: () => Date } = {},
): MoreStore {
  const { ttlMs, maxEntries, maxChars } = { ...DEFAULT_MORE_OPTIONS, ...options };
  const store = createExpiringMap<LastQuestion>({
    retainMs: 2 * ttlMs,
    maxEntries,
    maxChars,
    sizeOf: (last) => last.question.length,
    now: clockOf(options.now),
  });
  const keyOf = (key: MoreKey) => `${key.channel}\n${key.asker}`;
  return {
    get: async (key) => store.get(keyOf(key)),
    set: async (key, last) => store.set(keyOf(key), keptPage(last)),
  };
}
