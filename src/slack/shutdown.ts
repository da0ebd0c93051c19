import type { Logger } from "../log/logger.ts";

export interface ShutdownOptions {
  /** How long in-flight work (requests, a digest post) may take to finish once stopping. */
  graceMs: number;
  /** How long saving state (the question log, the knowledge watcher) may take after that. */
  finishMs: number;
}

/** Well inside the 10 s a supervisor (systemd, Docker, Kubernetes) waits before SIGKILL. */
export const DEFAULT_SHUTDOWN_OPTIONS: ShutdownOptions = { graceMs: 5_000, finishMs: 2_000 };

export interface ShutdownSteps extends Partial<ShutdownOptions> {
  logger: Logger;
  /** Stops taking new work and resolves when what is in flight is done. */
  drain: () => readonly (Promise<unknown> | undefined)[];
  /** Saves what must survive the restart. Runs even when draining ran out of time. */
  finish: () => Promise<unknown> | undefined;
  /** Default: `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * The signal handler: stop accepting, give in-flight work a bounded grace, save state, exit. A
 * Web API call or digest post that hangs cannot keep the process alive past the grace.
 */
export function createShutdown(steps: ShutdownSteps): (signal: string) => Promise<void> {
  const { logger, exit = (code: number) => process.exit(code) } = steps;
  const { graceMs, finishMs } = { ...DEFAULT_SHUTDOWN_OPTIONS, ...steps };
  let stopping = false;
  return async (signal) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    const drained = Promise.allSettled(steps.drain()).then((results) => {
      for (const r of results) {
        if (r.status === "rejected") logger.warn(`${signal}: while stopping: ${String(r.reason)}`);
      }
    });
    if (!(await settleWithin(graceMs, drained))) {
      logger.warn(
        `${signal}: work still in flight after ${graceMs} ms (a Slack call or a digest post); exiting without it`,
      );
    }
    const finished = Promise.resolve()
      .then(steps.finish)
      .catch((error: unknown) => logger.error(`${signal}: could not save state: ${String(error)}`));
    if (!(await settleWithin(finishMs, finished))) {
      logger.warn(`${signal}: saving state took over ${finishMs} ms; exiting anyway`);
    }
    exit(0);
  };
}

/** True when `work` settles within `ms`; false when time runs out first (it keeps running). */
export function settleWithin(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  const settled = work.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}
