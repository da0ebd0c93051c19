/** A store's clock in ms, from the `now` its options may give (default: the system clock). */
export function clockOf(now: (() => Date) | undefined): () => number {
  return now === undefined ? Date.now : () => now().getTime();
}
