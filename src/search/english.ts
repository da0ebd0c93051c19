// Data, not code: bundled into dist/ by esbuild, so the Docker image and the reload worker
// carry it without a file of their own. scripts/english-frequency.ts writes it.
import ENGLISH from "./english-frequency.json" with { type: "json" };

const { terms, texts: allTexts } = ENGLISH as { terms: Record<string, number>; texts: number };

/**
 * How specific a term is in English at large, from 0 (in every text: "time") to 1 (in almost
 * none: "megaregion"). A small knowledge base can't tell a rare topic word from an everyday word
 * that happens to be rare in it ("border" in sixteen paragraphs); general usage can.
 */
export function englishSpecificity(term: string): number {
  // Read off the object itself: a map of its 15,000 terms cost the first answer 10-30 ms.
  const texts = Object.hasOwn(terms, term) ? (terms[term] as number) : 0;
  return Math.log((allTexts + 1) / (texts + 1)) / Math.log(allTexts + 1);
}
