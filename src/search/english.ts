// Data, not code: bundled into dist/ by esbuild, so the Docker image and the reload worker
// carry it without a file of their own. scripts/english-frequency.ts writes it.
import ENGLISH from "./english-frequency.json" with { type: "json" };

let frequency: Map<string, number> | undefined;

/**
 * How specific a term is in English at large, from 0 (in every text: "time") to 1 (in almost
 * none: "megaregion"). A small knowledge base can't tell a rare topic word from an everyday word
 * that happens to be rare in it ("border" in sixteen paragraphs); general usage can.
 */
export function englishSpecificity(term: string): number {
  frequency ??= new Map(Object.entries(ENGLISH.terms));
  const texts = frequency.get(term) ?? 0;
  return Math.log((ENGLISH.texts + 1) / (texts + 1)) / Math.log(ENGLISH.texts + 1);
}
