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

/** When the work running now got the event loop, until the loop moves on (see `turnStart`). */
let turnStartedAt: number | undefined;

/** Marks now as the start of the event loop's turn that work is running in. */
function markTurn(): number {
  if (turnStartedAt === undefined) {
    setImmediate(() => {
      turnStartedAt = undefined;
    });
  }
  turnStartedAt = performance.now();
  return turnStartedAt;
}

/**
 * When the turn the work running now is in began. Long work is often several runs one after
 * another (an added article: its knowledge, its index, its answers' lookups): each starting a
 * budget of its own ran them back to back, 8 ms each, and a question waited behind all of them.
 */
function turnStart(): number {
  return turnStartedAt ?? markTurn();
}

/**
 * A function to call between pieces of work: once `budgetMs` has passed since this turn of the
 * event loop began it returns the promise of the loop's next turn, else undefined (no promise:
 * a build calls it for every step, and a promise each would cost more than the step).
 */
export function createGiveWay(
  budgetMs: number = DEFAULT_COOPERATIVE_OPTIONS.budgetMs,
): () => Promise<void> | undefined {
  let since = turnStart();
  return () => {
    if (performance.now() - since < budgetMs) return undefined;
    return yieldToEventLoop().then(() => {
      since = markTurn();
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
