/**
 * A runner of async tasks one at a time, in the order given: each starts once the last has
 * settled, whether it resolved or failed (a failure is its caller's, not the next task's).
 */
export function createOneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = last.then(task);
    last = run.catch(() => {});
    return run;
  };
}
