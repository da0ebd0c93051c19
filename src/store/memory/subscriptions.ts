import type { SubscriptionStore } from "../../digest/subscriptions.ts";

/** In memory: for tests and the console. */
export function createMemorySubscriptionStore(initial: readonly string[] = []): SubscriptionStore {
  const channels = new Set(initial);
  return {
    list: async () => [...channels],
    async add(channel) {
      if (channels.has(channel)) return false;
      channels.add(channel);
      return true;
    },
    remove: async (channel) => channels.delete(channel),
  };
}
