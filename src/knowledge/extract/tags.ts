import type { CandidateKind } from "./candidate.ts";
import { STOP_WORDS } from "./lexicon.ts";
import { wordsOf } from "./words.ts";

const KIND_TAGS: Record<CandidateKind, string> = {
  role: "people",
  money: "money",
  share: "percentage",
  measure: "measure",
  count: "number",
  date: "date",
  route: "route",
  list: "list",
  rank: "rank",
};
const MAX_TOPIC_TAGS = 4;

/**
 * A few topic words for a fact, so that `/iranpak facts <topic>` and searches find it: the
 * content words of its quote nearest the value that the subject, attribute and value do not
 * already say, then a word for its kind.
 */
export function tagsFor(
  quote: string,
  valueAt: number,
  said: readonly string[],
  kind: CandidateKind,
): string[] {
  const known = new Set(said.flatMap((text) => wordsOf(text.toLowerCase()).map((w) => w.text)));
  const candidates = wordsOf(quote)
    .filter((w) => /^\p{L}[\p{L}-]{3,}$/u.test(w.text))
    .map((w) => ({ word: w.text.toLowerCase(), distance: Math.abs(w.start - valueAt) }))
    .filter(({ word }) => !STOP_WORDS.has(word) && !known.has(word))
    .sort((a, b) => a.distance - b.distance);
  const tags: string[] = [];
  for (const { word } of candidates) {
    if (tags.length >= MAX_TOPIC_TAGS) break;
    if (!tags.includes(word)) tags.push(word);
  }
  tags.push(KIND_TAGS[kind]);
  return tags;
}
