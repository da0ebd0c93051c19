import { expect, it } from "vitest";
import { createSeenEvents } from "../../src/store/memory/seen-events.ts";
import { createPostgresSeenEvents } from "../../src/store/postgres/seen-events.ts";
import { describeStoreContract } from "./contract.ts";

let now = 0;
const ttlMs = 1000;

describeStoreContract(
  "event de-duplication",
  {
    file: () => createSeenEvents({ ttlMs, now: () => now }),
    postgres: ({ pool, logger }) =>
      createPostgresSeenEvents(pool, logger, { ttlMs, now: () => now }),
  },
  ({ kind, open }) => {
    it("takes an event id once, then calls it a repeat until it expires", async () => {
      now = 1_000_000;
      const seen = await open();
      expect(await seen.firstTime("Ev1")).toBe(true);
      expect(await seen.firstTime("Ev1")).toBe(false);
      expect(await seen.firstTime("Ev2")).toBe(true);
      now += 999;
      expect(await seen.firstTime("Ev1")).toBe(false);
      now += 2;
      expect(await seen.firstTime("Ev1")).toBe(true);
      expect(await seen.firstTime("Ev1")).toBe(false);
    });

    it("gives one of many simultaneous offers of an id the first time", async () => {
      now = 2_000_000;
      const seen = await open();
      const answers = await Promise.all(Array.from({ length: 20 }, () => seen.firstTime("EvX")));
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    if (kind === "postgres") {
      it("answers an id once across replicas and restarts", async () => {
        now = 3_000_000;
        const [a, b] = [await open(), await open()];
        const answers = await Promise.all([a.firstTime("EvR"), b.firstTime("EvR")]);
        expect(answers.sort()).toEqual([false, true]);
        const restarted = await open();
        expect(await restarted.firstTime("EvR")).toBe(false);
        expect(await restarted.firstTime("EvS")).toBe(true);
        expect(await a.firstTime("EvS")).toBe(false);
      });
    }
  },
);
