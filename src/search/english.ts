import { ENGLISH_FREQUENCY, ENGLISH_TEXTS } from "./english-frequency.ts";

let frequency: Map<string, number> | undefined;

/**
 * How specific a term is in English at large, from 0 (in every text: "time") to 1 (in almost
 * none: "megaregion"). A small knowledge base can't tell a rare topic word from an everyday word
 * that happens to be rare in it ("border" in sixteen paragraphs); general usage can.
 */
export function englishSpecificity(term: string): number {
  frequency ??= new Map(
    ENGLISH_FREQUENCY.split("\n").map((line) => {
      const [t, n] = line.split(" ");
      return [t as string, Number(n)];
    }),
  );
  const texts = frequency.get(term) ?? 0;
  return Math.log((ENGLISH_TEXTS + 1) / (texts + 1)) / Math.log(ENGLISH_TEXTS + 1);
}
