/** Code-unit order: the one order vocabulary lookups list terms in, whatever the locale. */
export function compareTerms(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
