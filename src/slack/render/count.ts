/** "1 passage", "16 passages": a count with its noun, for English nouns plural in -s. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
