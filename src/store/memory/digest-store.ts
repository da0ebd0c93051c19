import type { ChannelRecord, DigestStore } from "../../digest/digest-store.ts";

/** The digest's state in this process's memory: for tests, where nothing outlives the test. */
export function createMemoryDigestStore(): DigestStore {
  const channels: Record<string, ChannelRecord> = {};
  const claims = new Set<string>();
  return {
    read: async () => ({ channels: structuredClone(channels) }),
    async recordPost(channel, record) {
      channels[channel] = structuredClone(record);
    },
    async claim(date, channel, options) {
      const key = `${date}\n${channel}`;
      if (claims.has(key) && !options?.force) return undefined;
      claims.add(key);
      return { release: async () => void claims.delete(key) };
    },
    async pruneClaims(date) {
      for (const key of claims) if (key.slice(0, key.indexOf("\n")) < date) claims.delete(key);
    },
  };
}
