/**
 * Long work written once as a generator that yields between steps, run either in one go or
 * cooperatively: a running bot rebuilding 100,000 passages keeps answering in between.
 */
export type Steps<T> = Generator<void, T>;

/** Runs every step now. */
export function runSteps<T>(steps: Steps<T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

export interface CooperativeOptions {
  /** Longest run of steps before the event loop gets a turn. */
  budgetMs: number;
}

/** A few milliseconds: what a question waiting behind the work can afford. */
export const defaultCooperativeOptions: CooperativeOptions = { budgetMs: 8 };

/** Runs the steps, giving the event loop a turn whenever `budgetMs` has passed. */
export async function runStepsCooperatively<T>(
  steps: Steps<T>,
  options: Partial<CooperativeOptions> = {},
): Promise<T> {
  const { budgetMs } = { ...defaultCooperativeOptions, ...options };
  let since = performance.now();
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (performance.now() - since >= budgetMs) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
}
