import type { Logger } from "../log/logger.ts";
import { checkDue, type DigestSchedule } from "./schedule.ts";

/** Time as the scheduler sees it: injected so tests can move it. */
export interface Clock {
  now(): Date;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Sleeps are cut into pieces of at most an hour, so that a machine that slept or had its clock
 * set checks again soon; waking early does nothing until the scheduled instant has come.
 */
const MAX_SLEEP_MS = 3_600_000;

/**
 * A run that failed (the database down at the scheduled minute, a channel's post refused) is
 * tried again this much later, through the day: the stored claims keep it to one post per
 * channel per day, and a channel already posted is not due again.
 */
export const DEFAULT_RETRY_MS = 15 * 60_000;

export interface DigestScheduler {
  /** Resolves when the run in progress (if any) has finished. */
  settled(): Promise<void>;
  /** Cancels the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Calls `run` once now and then at each scheduled instant (see `checkDue`). The timer only says
 * when to look; whether a channel gets a post is decided by `run` against the stored state, so a
 * timer firing twice or late cannot post twice. A run that fails, or says some of it should be
 * tried again (`"retry"`), is logged and run again `retryMs` later (or at the next scheduled
 * instant, when that comes first).
 */
export function scheduleDigestRuns(options: {
  schedule: DigestSchedule;
  logger: Logger;
  clock?: Clock;
  retryMs?: number;
  run(now: Date): Promise<"done" | "retry">;
}): DigestScheduler {
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  const clock = options.clock ?? systemClock;
  const { logger, schedule } = options;
  let timer: unknown;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let target: Date | undefined;

  const run = async () => {
    let again = false;
    try {
      again = (await options.run(clock.now())) === "retry";
    } catch (error) {
      logger.error(`digest run failed: ${(error as Error).stack ?? error}; tried again later`);
      again = true;
    }
    target = checkDue({ now: clock.now(), schedule, lastPostedDate: undefined }).next;
    if (again) {
      const retry = new Date(clock.now().getTime() + retryMs);
      if (target === undefined || retry.getTime() < target.getTime()) target = retry;
    }
    if (target) logger.debug(`next digest run at ${target.toISOString()}`);
  };

  const sleep = () => {
    if (stopped || target === undefined) return;
    const wait = Math.min(Math.max(target.getTime() - clock.now().getTime(), 0), MAX_SLEEP_MS);
    timer = clock.setTimeout(wake, wait);
  };

  const wake = () => {
    if (stopped) return;
    if (target !== undefined && clock.now().getTime() >= target.getTime()) {
      running = run().then(sleep);
    } else {
      sleep();
    }
  };

  running = run().then(sleep);
  return {
    settled: () => running,
    async stop() {
      stopped = true;
      clock.clearTimeout(timer);
      await running;
    },
  };
}
