import type { CandidateKind } from "./candidate.ts";
import { STOP_WORDS } from "./lexicon.ts";

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
const TOPIC_WORD = /\p{L}[\p{L}-]{3,}/gu;
const ANY_WORD = /[\p{L}\p{N}]+/gu;

/** A content word of a quote and where it is. */
export interface TopicWord {
  word: string;
  at: number;
}

/** The words of a quote that could be topic tags: read once, shared by its facts. */
export function topicWordsOf(quote: string): TopicWord[] {
  const out: TopicWord[] = [];
  for (const match of quote.matchAll(TOPIC_WORD)) {
    const word = match[0].toLowerCase();
    if (!STOP_WORDS.has(word)) out.push({ word, at: match.index });
  }
  return out;
}

/**
 * A few topic words for a fact, so that `/iranpak facts <topic>` and searches find it: the
 * content words of its quote nearest the value that the subject, attribute and value do not
 * already say, then a word for its kind.
 */
export function tagsFor(
  words: readonly TopicWord[],
  valueAt: number,
  said: readonly string[],
  kind: CandidateKind,
): string[] {
  const known = new Set(said.flatMap((text) => text.toLowerCase().match(ANY_WORD) ?? []));
  const nearest = words
    .filter(({ word }) => !known.has(word))
    .sort((a, b) => Math.abs(a.at - valueAt) - Math.abs(b.at - valueAt));
  const tags: string[] = [];
  for (const { word } of nearest) {
    if (tags.length >= MAX_TOPIC_TAGS) break;
    if (!tags.includes(word)) tags.push(word);
  }
  tags.push(KIND_TAGS[kind]);
  return tags;
}
