/**
 * Long work that leaves the event loop a turn now and then, so a running bot keeps answering:
 * rebuilding 100,000 passages, walking a folder of thousands of files, reading a long log.
 */

/** Resolves on the event loop's next turn, after the I/O and timers already waiting. */
export function yieldToEventLoop(): Promise<undefined> {
  return new Promise((resolve) => setImmediate(resolve, undefined));
}

export interface CooperativeOptions {
  /** Longest run of work before the event loop gets a turn. */
  budgetMs: number;
}

/** A few milliseconds: what a question waiting behind the work can afford. */
export const DEFAULT_COOPERATIVE_OPTIONS: CooperativeOptions = { budgetMs: 8 };

/**
 * A function to call between pieces of work: once `budgetMs` has passed since the last turn it
 * returns the promise of the event loop's next turn, else undefined (no promise: a build calls
 * it for every step, and a promise each would cost more than the step).
 */
export function createGiveWay(
  budgetMs: number = DEFAULT_COOPERATIVE_OPTIONS.budgetMs,
): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < budgetMs) return undefined;
    return yieldToEventLoop().then(() => {
      since = performance.now();
    });
  };
}

/**
 * Long work written once as a generator that yields between steps, run either in one go or
 * cooperatively.
 */
export type Steps<T> = Generator<void, T>;

/** Runs every step now. */
export function runSteps<T>(steps: Steps<T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Runs the steps, giving the event loop a turn whenever `budgetMs` has passed. */
export async function runStepsCooperatively<T>(
  steps: Steps<T>,
  options: Partial<CooperativeOptions> = {},
): Promise<T> {
  const { budgetMs } = { ...DEFAULT_COOPERATIVE_OPTIONS, ...options };
  const giveWay = createGiveWay(budgetMs);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    const turn = giveWay();
    if (turn !== undefined) await turn;
  }
}
