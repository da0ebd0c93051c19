import { describe, expect, it } from "vitest";
import { scheduleDigestRuns } from "../../src/digest/scheduler.ts";
import { fakeClock, recordingLogger } from "./fixtures.ts";

const schedule = { time: { hour: 9, minute: 0 }, timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] };

describe("scheduleDigestRuns", () => {
  it("runs on start and then at each scheduled instant, sleeping at most an hour at a time", async () => {
    const time = fakeClock("2026-05-04T06:30:00Z");
    const runs: string[] = [];
    const scheduler = scheduleDigestRuns({
      schedule,
      logger: recordingLogger(),
      clock: time.clock,
      run: async (now) => {
        runs.push(now.toISOString());
        return "done";
      },
    });
    await scheduler.settled();
    expect(runs).toEqual(["2026-05-04T06:30:00.000Z"]);
    expect(time.pending()).toEqual(["2026-05-04T07:30:00.000Z"]);
    await time.advanceTo("2026-05-05T09:00:00Z", scheduler);
    expect(runs).toEqual([
      "2026-05-04T06:30:00.000Z",
      "2026-05-04T09:00:00.000Z",
      "2026-05-05T09:00:00.000Z",
    ]);
    await scheduler.stop();
    expect(time.pending()).toEqual([]);
  });

  it("logs a failing run and still runs at the next scheduled instant", async () => {
    const time = fakeClock("2026-05-04T08:00:00Z");
    const logger = recordingLogger();
    let calls = 0;
    const scheduler = scheduleDigestRuns({
      schedule,
      logger,
      clock: time.clock,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error("knowledge not ready");
        return "done";
      },
    });
    await scheduler.settled();
    expect(logger.errors[0]).toMatch(/^digest run failed: Error: knowledge not ready/);
    await time.advanceTo("2026-05-04T09:00:00Z", scheduler);
    // Retried a quarter of an hour later, then the scheduled run.
    expect(calls).toBe(3);
    await scheduler.stop();
  });

  it("retries a run that failed at the scheduled minute through the day, until it is done", async () => {
    const time = fakeClock("2026-05-04T09:00:00Z");
    const runs: string[] = [];
    const scheduler = scheduleDigestRuns({
      schedule,
      logger: recordingLogger(),
      clock: time.clock,
      run: async (now) => {
        runs.push(now.toISOString());
        if (runs.length === 1) throw new Error("connect ECONNREFUSED");
        return runs.length === 2 ? "retry" : "done";
      },
    });
    await scheduler.settled();
    await time.advanceTo("2026-05-05T08:59:00Z", scheduler);
    expect(runs).toEqual([
      "2026-05-04T09:00:00.000Z",
      "2026-05-04T09:15:00.000Z",
      "2026-05-04T09:30:00.000Z",
    ]);
    await scheduler.stop();
  });

  it("stops without waiting for the next run", async () => {
    const time = fakeClock("2026-05-04T08:00:00Z");
    let calls = 0;
    const scheduler = scheduleDigestRuns({
      schedule,
      logger: recordingLogger(),
      clock: time.clock,
      run: async () => {
        calls++;
        return "done";
      },
    });
    await scheduler.stop();
    await time.advanceTo("2026-05-06T00:00:00Z", scheduler);
    expect(calls).toBe(1);
  });
});
