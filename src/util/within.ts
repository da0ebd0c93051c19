/** The error `within` rejects with when time is up. */
export class DeadlinePassed extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer within ${ms} ms`);
    this.name = "DeadlinePassed";
  }
}

/**
 * `promise`, or a DeadlinePassed rejection once `ms` have passed, whichever comes first: for
 * waiting on a store that may never answer (packets to the database dropped). The promise
 * itself runs on; its late failure is not reported as unhandled.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  promise.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlinePassed(what, ms)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
