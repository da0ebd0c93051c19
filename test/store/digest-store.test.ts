import { expect, it } from "vitest";
import type { ChannelRecord } from "../../src/digest/digest-store.ts";
import { createDigestStore } from "../../src/store/file/digest-store.ts";
import { createPostgresDigestStore } from "../../src/store/postgres/digest-store.ts";
import { describeStoreContract } from "./contract.ts";

const record: ChannelRecord = {
  lastPostedDate: "2026-05-04",
  postedAt: "2026-05-04T09:00:01.000Z",
  ts: "1746349201.000100",
  snapshot: { articleHashes: { a: "h" }, factIds: ["f1"], conflictKeys: ["k"] },
};

describeStoreContract(
  "digest claims and state",
  {
    file: ({ dataDir, logger }) => createDigestStore({ dataDir, logger }),
    postgres: ({ pool, logger }) => createPostgresDigestStore(pool, logger),
  },
  ({ open }) => {
    it("reads an empty state, then what any process recorded, channel by channel", async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.read()).toEqual({ channels: {} });
      await a.recordPost("C1", record);
      const { ts: _ts, ...withoutTs } = record;
      await b.recordPost("C2", { ...withoutTs, lastPostedDate: "2026-05-03" });
      await a.recordPost("C1", { ...record, lastPostedDate: "2026-05-05" });
      expect((await (await open()).read()).channels).toEqual({
        C1: { ...record, lastPostedDate: "2026-05-05" },
        C2: { ...withoutTs, lastPostedDate: "2026-05-03" },
      });
    });

    it("gives a day's claim to one process only, until it is released", async () => {
      const [a, b] = [await open(), await open()];
      const claim = await a.claim("2026-05-04", "C1");
      expect(claim).toBeDefined();
      expect(await b.claim("2026-05-04", "C1")).toBeUndefined();
      expect(await b.claim("2026-05-04", "C2")).toBeDefined();
      expect(await b.claim("2026-05-05", "C1")).toBeDefined();
      await claim?.release();
      expect(await b.claim("2026-05-04", "C1")).toBeDefined();
      expect(await a.claim("2026-05-04", "C1")).toBeUndefined();
      expect(await a.claim("2026-05-04", "C1", { force: true })).toBeDefined();
    });

    it("of ten processes claiming the same day at once, gives it to exactly one", async () => {
      const stores = await Promise.all(Array.from({ length: 10 }, () => open()));
      const claims = await Promise.all(stores.map((s) => s.claim("2026-05-04", "C1")));
      expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
    });

    it("keeps a claim nobody recorded a post for: a process that died mid-post posts nothing twice", async () => {
      const dead = await open();
      expect(await dead.claim("2026-05-04", "C1")).toBeDefined();
      // The process is gone: no release, no recordPost. Another one (or it, restarted):
      const next = await open();
      expect(await next.claim("2026-05-04", "C1")).toBeUndefined();
      expect((await next.read()).channels).toEqual({});
      // The next day is free, and its digest starts from the last recorded post (none).
      expect(await next.claim("2026-05-05", "C1")).toBeDefined();
    });

    it("prunes claims of earlier dates only", async () => {
      const store = await open();
      for (const date of ["2026-04-01", "2026-05-03", "2026-05-04"]) {
        await store.claim(date, "C1");
      }
      await store.pruneClaims("2026-05-03");
      expect(await store.claim("2026-04-01", "C1")).toBeDefined();
      expect(await store.claim("2026-05-03", "C1")).toBeUndefined();
      expect(await store.claim("2026-05-04", "C1")).toBeUndefined();
    });
  },
);
