/**
 * Which of a question's concepts a document or a sentence matches, as the bits of a number:
 * bit i for concept i (hence `maxConcepts`).
 */

/** How many concepts the mask holds. */
export function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/** The mask of the concepts whose flag is set. */
export function maskOf(flags: readonly boolean[]): number {
  return flags.reduce((m, yes, i) => (yes ? m | (1 << i) : m), 0);
}
