import { describe, expect, it } from "vitest";
import { createOneAtATime } from "../../src/util/one-at-a-time.ts";

describe("createOneAtATime", () => {
  it("starts each task once the last has settled, in order, a failure going to its own caller", async () => {
    const run = createOneAtATime();
    const events: string[] = [];
    let release = () => {};
    const first = run(async () => {
      events.push("first starts");
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      events.push("first ends");
      throw new Error("first failed");
    });
    const second = run(async () => {
      events.push("second starts");
      return 2;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["first starts"]);
    release();
    await expect(first).rejects.toThrow("first failed");
    expect(await second).toBe(2);
    expect(events).toEqual(["first starts", "first ends", "second starts"]);
  });
});
