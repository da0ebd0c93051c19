import { describe, expect, it } from "vitest";
import { createShutdown, settleWithin } from "../../src/slack/shutdown.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

const never = () => new Promise<never>(() => {});

describe("createShutdown", () => {
  it("waits for in-flight work, saves state, and exits 0", async () => {
    const logger = recordingLogger();
    const order: string[] = [];
    const exited = new Promise<number>((resolve) => {
      const shutDown = createShutdown({
        logger,
        drain: () => [Promise.resolve().then(() => order.push("drained")), undefined],
        finish: () => {
          order.push("saved");
          return undefined;
        },
        exit: resolve,
      });
      void shutDown("SIGTERM");
    });
    expect(await exited).toBe(0);
    expect(order).toEqual(["drained", "saved"]);
    expect(logger.text("warn")).toBe("");
  });

  it("gives work that hangs its grace, then saves state and exits anyway", async () => {
    const logger = recordingLogger();
    let saved = false;
    const exited = new Promise<number>((resolve) => {
      const shutDown = createShutdown({
        logger,
        graceMs: 50,
        finishMs: 50,
        drain: () => [never()],
        finish: () => {
          saved = true;
          return never();
        },
        exit: resolve,
      });
      void shutDown("SIGTERM");
    });
    expect(await exited).toBe(0);
    expect(saved).toBe(true);
    expect(logger.text("warn")).toContain("SIGTERM: work still in flight after 50 ms");
    expect(logger.text("warn")).toContain("saving state took over 50 ms");
  });

  it("logs a step that fails and still exits", async () => {
    const logger = recordingLogger();
    const exited = new Promise<number>((resolve) => {
      void createShutdown({
        logger,
        drain: () => [Promise.reject(new Error("receiver was not started"))],
        finish: () => Promise.reject(new Error("disk full")),
        exit: resolve,
      })("SIGINT");
    });
    expect(await exited).toBe(0);
    expect(logger.text("warn")).toContain(
      "SIGINT: while stopping: Error: receiver was not started",
    );
    expect(logger.text("error")).toContain("SIGINT: could not save state: Error: disk full");
  });

  it("runs once however many signals arrive", async () => {
    const logger = recordingLogger();
    let exits = 0;
    const shutDown = createShutdown({
      logger,
      drain: () => [],
      finish: () => undefined,
      exit: () => exits++,
    });
    await Promise.all([shutDown("SIGTERM"), shutDown("SIGINT")]);
    expect(exits).toBe(1);
  });
});

describe("settleWithin", () => {
  it("is true for work that settles in time, failed or not, and false for work that does not", async () => {
    expect(await settleWithin(1000, Promise.resolve())).toBe(true);
    expect(await settleWithin(1000, Promise.reject(new Error("x")))).toBe(true);
    expect(await settleWithin(20, never())).toBe(false);
  });
});
