import type { AliasGroup, KnowledgeBase, Passage } from "../knowledge/types.ts";
import { type AcronymPair, findAcronymSteps } from "../text/acronyms.ts";
import type { Steps } from "../util/cooperative.ts";

/**
 * How many articles teach each acronym pair, by pair key: what an index grown article by
 * article keeps, so that removing an article forgets only what no other article teaches.
 */
export type AcronymTally = Map<string, { pair: AcronymPair; articles: number }>;

/**
 * The count of a pair taught by the articles of an index as built, not counted article by
 * article (counting them reads the whole knowledge): added to, never taken from. A tally with
 * such a count is exact once counted again, which only a removal needs.
 */
const UNCOUNTED = 1_000_000_000;

/** The pairs of an index as built, uncounted: what articles added to it are tallied onto. */
export function uncountedTally(pairs: readonly AcronymPair[]): AcronymTally {
  return new Map(pairs.map((pair) => [pairKey(pair), { pair, articles: UNCOUNTED }] as const));
}

/** Whether every count in the tally is one of articles: then articles may be taken back. */
export function isCounted(tally: AcronymTally): boolean {
  for (const { articles } of tally.values()) if (articles >= UNCOUNTED) return false;
  return true;
}

function pairKey(pair: AcronymPair): string {
  return `${pair.acronym}\n${pair.longForm.toLowerCase()}`;
}

/**
 * Acronyms the knowledge teaches, article by article (see `text/acronyms.ts`), each pair once.
 * Learned when the index is built and stored with it: a question may then say "LNG" of an
 * article that writes "liquefied natural gas", or the other way round.
 */
export function* learnAcronymSteps(kb: KnowledgeBase): Steps<AcronymPair[]> {
  return acronymsOf(yield* tallyAcronymSteps(kb.passages, new Map(), 1));
}

/**
 * Counts (`sign` 1) or takes back (`sign` -1) the acronyms that the articles of `passages`
 * teach, each article read whole as when the index was built.
 */
export function* tallyAcronymSteps(
  passages: readonly Passage[],
  tally: AcronymTally,
  sign: 1 | -1,
): Steps<AcronymTally> {
  const textByArticle = new Map<string, string[]>();
  for (const passage of passages) {
    const texts = textByArticle.get(passage.articleId) ?? [];
    texts.push(passage.text);
    textByArticle.set(passage.articleId, texts);
  }
  yield;
  for (const texts of textByArticle.values()) {
    for (const pair of yield* findAcronymSteps(texts.join("\n\n"))) {
      const key = pairKey(pair);
      const known = tally.get(key);
      const articles = (known?.articles ?? 0) + sign;
      // Of two spellings of one long form, the first in sort order: the same whatever order
      // the articles were counted in (spellings are folded when questions are read).
      const kept =
        known === undefined || (sign > 0 && pair.longForm < known.pair.longForm)
          ? pair
          : known.pair;
      if (articles > 0) tally.set(key, { pair: kept, articles });
      else tally.delete(key);
    }
    yield;
  }
  return tally;
}

/** The pairs a tally holds, in the order the index stores them. */
export function acronymsOf(tally: AcronymTally): AcronymPair[] {
  return [...tally.values()]
    .map(({ pair }) => pair)
    .sort((a, b) => a.acronym.localeCompare(b.acronym) || a.longForm.localeCompare(b.longForm));
}

/** Each pair as an alias group: the long form and its acronym are names of one thing. */
export function acronymAliasGroups(pairs: readonly AcronymPair[]): AliasGroup[] {
  return pairs.map((p) => [p.longForm, p.acronym]);
}
