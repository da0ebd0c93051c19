import { describe, expect, it } from "vitest";
import {
  createGiveWay,
  runSteps,
  runStepsCooperatively,
  type Steps,
  yieldToEventLoop,
} from "../../src/util/cooperative.ts";

/** Three steps that record, as they run, how often the event loop has had a turn meanwhile. */
function* counting(turns: () => number, seen: number[]): Steps<string> {
  for (let i = 0; i < 3; i++) {
    seen.push(turns());
    yield;
  }
  return "done";
}

/** Counts the event loop's turns from now on, until `stop` is called. */
function countTurns(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let timer: NodeJS.Immediate;
  const tick = () => {
    turns++;
    timer = setImmediate(tick);
  };
  timer = setImmediate(tick);
  return { turns: () => turns, stop: () => clearImmediate(timer) };
}

describe("yieldToEventLoop", () => {
  it("resolves after the work already waiting on the event loop", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("waiting"));
    await yieldToEventLoop();
    order.push("after the turn");
    expect(order).toEqual(["waiting", "after the turn"]);
  });
});

describe("runSteps", () => {
  it("runs every step in one go and returns the result", () => {
    const seen: number[] = [];
    expect(runSteps(counting(() => 0, seen))).toBe("done");
    expect(seen).toHaveLength(3);
  });
});

describe("runStepsCooperatively", () => {
  it("gives the event loop a turn between steps once the budget is spent", async () => {
    const loop = countTurns();
    const seen: number[] = [];
    const result = await runStepsCooperatively(counting(loop.turns, seen), { budgetMs: 0 });
    loop.stop();
    expect(result).toBe("done");
    expect(seen[2]).toBeGreaterThan(seen[0] as number);
  });

  it("runs the steps without a turn while the budget lasts", async () => {
    const loop = countTurns();
    const seen: number[] = [];
    await runStepsCooperatively(counting(loop.turns, seen), { budgetMs: Number.POSITIVE_INFINITY });
    loop.stop();
    expect(seen).toEqual([0, 0, 0]);
  });
});

describe("createGiveWay", () => {
  it("returns no promise within the budget, and the next turn's once it is spent", async () => {
    expect(createGiveWay(Number.POSITIVE_INFINITY)()).toBeUndefined();
    const turn = createGiveWay(0)();
    expect(turn).toBeInstanceOf(Promise);
    await turn;
  });

  it("counts the budget from the start of the turn, across work that runs back to back", async () => {
    await yieldToEventLoop();
    createGiveWay(5);
    busyFor(10);
    expect(createGiveWay(5)()).toBeInstanceOf(Promise);
  });

  it("starts a new budget once the event loop has had a turn", async () => {
    createGiveWay(5);
    busyFor(10);
    await yieldToEventLoop();
    expect(createGiveWay(5)()).toBeUndefined();
  });
});

/** Keeps the thread busy for `ms`, as a step of work does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}
