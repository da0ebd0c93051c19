import { NUMBER_WORDS } from "./lexicon.ts";

/** A number as written: "2,775", "17.5", "−11.7". */
export const NUMBER = String.raw`[−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
/** A number word, for "a two-day trip" and "seven metropolitan areas". */
export const NUMBER_WORD = `(?:${Object.keys(NUMBER_WORDS).join("|")})`;

/** "two" → "2"; digits stay as written. */
export function numberValue(text: string): string {
  const word = NUMBER_WORDS[text.toLowerCase()];
  return word === undefined ? text : String(word);
}

/** A bare number that is most likely a year: four digits from 1000 to 2099, no comma. */
export function looksLikeYear(text: string): boolean {
  return /^(?:1\d{3}|20\d{2})$/.test(text);
}

/** The value of a number with its scale word, for comparing: "1.3bn" → 1.3e9, "2,775" → 2775. */
export function numericValue(text: string): number | undefined {
  const match =
    /([−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(million|billion|trillion|thousand|bn|mn|m|k)?\b/i.exec(
      text,
    );
  if (match === null) {
    const word = NUMBER_WORDS[text.trim().toLowerCase()];
    return word;
  }
  const base = Number((match[1] ?? "").replace(/,/g, "").replace("−", "-"));
  const scale = (match[2] ?? "").toLowerCase();
  const factor =
    scale === "trillion"
      ? 1e12
      : scale === "billion" || scale === "bn"
        ? 1e9
        : scale === "million" || scale === "mn" || scale === "m"
          ? 1e6
          : scale === "thousand" || scale === "k"
            ? 1e3
            : 1;
  return base * factor;
}
