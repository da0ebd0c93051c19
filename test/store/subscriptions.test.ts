import { expect, it } from "vitest";
import { openSubscriptionFile } from "../../src/store/file/subscriptions.ts";
import { createPostgresSubscriptionStore } from "../../src/store/postgres/subscriptions.ts";
import { describeStoreContract } from "./contract.ts";

describeStoreContract(
  "digest subscriptions",
  {
    file: ({ dataDir, logger }) => openSubscriptionFile({ dataDir, logger }),
    postgres: ({ pool }) => createPostgresSubscriptionStore(pool),
  },
  ({ open }) => {
    it("keeps each subscribed channel once, in the order added, for every process", async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.list()).toEqual([]);
      expect(await a.add("C0TWO")).toBe(true);
      expect(await b.add("C0ONE")).toBe(true);
      expect(await b.add("C0TWO")).toBe(false);
      expect(await (await open()).list()).toEqual(["C0TWO", "C0ONE"]);
    });

    it("removes a channel for every process, and says when it was not subscribed", async () => {
      const [a, b] = [await open(), await open()];
      await a.add("C0ONE");
      await a.add("C0TWO");
      expect(await b.remove("C0ONE")).toBe(true);
      expect(await a.remove("C0ONE")).toBe(false);
      expect(await a.remove("C0NEVER")).toBe(false);
      expect(await (await open()).list()).toEqual(["C0TWO"]);
    });

    it("adds a channel subscribed by two processes at once once", async () => {
      const stores = await Promise.all([open(), open(), open()]);
      const added = await Promise.all(stores.map((s) => s.add("C0SAME")));
      expect(added.filter(Boolean)).toHaveLength(1);
      expect(await (await open()).list()).toEqual(["C0SAME"]);
    });
  },
);
