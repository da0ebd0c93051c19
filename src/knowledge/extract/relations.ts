import type { Candidate } from "./candidate.ts";
import type { SentenceView } from "./context.ts";
import { PREPOSITIONS, STOP_WORDS, VERBS } from "./lexicon.ts";

const PLACE = String.raw`\p{Lu}[\p{L}’'-]*(?:\.\p{Lu}[\p{L}’'-]*)*(?:\s(?:\p{Lu}[\p{L}’'-]*|of|and|the))*`;
// "from Afghanistan and Pakistan to other Asian countries and Europe": the start is a name; the
// end may open with a lowercase word but holds a name too.
const ROUTE = new RegExp(
  String.raw`\bfrom\s(?<from>${PLACE})\s(?:to|into|through|via)\s(?<to>(?:[a-z]+\s){0,3}?${PLACE}(?:\s[a-z]+){0,3}(?:\s(?:and|or)\s${PLACE})?)`,
  "gu",
);
const LIST_VERBS =
  "include|includes|included|including|covered|covers|cover|comprises|comprised|comprising|consisting of|consists of|such as|namely|revolved around|ranging from";
// Items are short runs without clause punctuation; the last one follows "and"/"or".
const ITEM = '[^,.;:()“”"]{1,60}?';
const LIST = new RegExp(
  String.raw`\b(?<verb>${LIST_VERBS})\s(?<items>(?:${ITEM},\s){1,15}${ITEM},?\s(?:and|or)\s${ITEM})(?=[.;:)]|,\s|$)`,
  "gu",
);
const ORDINALS =
  "second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d{1,2}(?:st|nd|rd|th)";
const SUPERLATIVES =
  "largest|biggest|longest|highest|tallest|oldest|newest|busiest|richest|poorest|smallest|deepest|widest|fastest|earliest|greatest|most populous|most populated|most visited|most important|most powerful|most common|most popular|best-selling|leading";
const RANK = new RegExp(
  String.raw`\b(?:(?:[Tt]he|[Ii]ts|[Tt]heir)\s)?(?<rank>(?:(?:${ORDINALS})[- ])?(?:${SUPERLATIVES}))\b(?<rest>[^,.;:()]{0,80}?)(?=[,.;:()]|$)`,
  "gu",
);
const RANKED = new RegExp(
  String.raw`\branked\s(?<rank>(?:${ORDINALS.replace("second", "first|second")})(?:\s(?:in|among|out of)\s[^,.;:()]{1,60}?)?)(?=[,.;:()]|\s(?:in terms|by|for|with|because|although|after)\b|$)`,
  "giu",
);
const MAX_RANK_WORDS = 10;
// Cheap tests that rule most sentences out before the full patterns run.
const HAS_LIST_VERB = new RegExp(`\\b(?:${LIST_VERBS})\\b`);
const HAS_RANK_WORD = new RegExp(
  `\\b(?:${SUPERLATIVES.replace(/most \w+\|?/g, "")}|most|ranked)\\b`,
);

function isFunctionWord(word: string): boolean {
  return STOP_WORDS.has(word) || PREPOSITIONS.has(word) || VERBS.has(word) || /ed$/.test(word);
}

/** Routes: "a pipeline from Iran to Pakistan", "the main drug route from Afghanistan to Europe". */
export function findRoutes(view: SentenceView): Candidate[] {
  if (!view.text.includes("from ")) return [];
  return [...view.text.matchAll(ROUTE)].map((match) => {
    const start = match.index;
    const end = start + match[0].length;
    // "the main drug trade route from …": the noun phrase names what runs there.
    const before = /((?:[a-z][a-z-]+\s){1,3})$/.exec(
      view.text.slice(Math.max(0, start - 40), start),
    )?.[1];
    const nouns = (before ?? "").trim().split(/\s+/);
    while (nouns.length > 0 && isFunctionWord(nouns[0] ?? "")) nouns.shift();
    const what = nouns.every((w) => !isFunctionWord(w)) ? nouns.join(" ") : "";
    return {
      kind: "route",
      attribute: what === "" ? "route" : what,
      value: match[0],
      start,
      end,
      spanStart: start,
      spanEnd: end,
    };
  });
}

/** Lists after a verb: "the agenda covered A, B and C", "counties including A, B, and C". */
export function findLists(view: SentenceView): Candidate[] {
  if (!/ (?:and|or) /.test(view.text) || !HAS_LIST_VERB.test(view.text)) return [];
  return [...view.text.matchAll(LIST)].map((match) => {
    const verb = match.groups?.verb ?? "";
    const items = match.groups?.items ?? "";
    const start = match.index + verb.length + 1;
    return {
      kind: "list",
      attribute: verb,
      value: items,
      start,
      end: start + items.length,
      spanStart: match.index,
      spanEnd: start + items.length,
    };
  });
}

/**
 * Superlatives and ranks: "the second-largest city after Karachi", "the largest stadium in
 * Australia", "ranked second in Australia".
 */
export function findRanks(view: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  if (!HAS_RANK_WORD.test(view.text)) return out;
  for (const match of [...view.text.matchAll(RANK), ...view.text.matchAll(RANKED)]) {
    const rank = match.groups?.rank ?? "";
    const rest = match.groups?.rest ?? "";
    const value = `${rank}${rest}`.trim();
    if (value.split(/\s+/).length > MAX_RANK_WORDS) continue;
    const start = match.index + match[0].indexOf(rank);
    out.push({
      kind: "rank",
      attribute: "rank",
      value,
      start,
      end: start + value.length,
      spanStart: match.index,
      spanEnd: start + value.length,
    });
  }
  return out;
}
