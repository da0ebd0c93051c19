import type { AliasGroup, KnowledgeBase } from "../knowledge/types.ts";
import { type AcronymPair, findAcronyms } from "../text/acronyms.ts";
import type { Steps } from "../util/cooperative.ts";

/**
 * Acronyms the knowledge teaches, article by article (see `text/acronyms.ts`), each pair once.
 * Learned when the index is built and stored with it: a question may then say "LNG" of an
 * article that writes "liquefied natural gas", or the other way round.
 */
export function* learnAcronymSteps(kb: KnowledgeBase): Steps<AcronymPair[]> {
  const textByArticle = new Map<string, string[]>();
  for (const passage of kb.passages) {
    const texts = textByArticle.get(passage.articleId) ?? [];
    texts.push(passage.text);
    textByArticle.set(passage.articleId, texts);
  }
  yield;
  const learned = new Map<string, AcronymPair>();
  for (const texts of textByArticle.values()) {
    for (const pair of findAcronyms(texts.join("\n\n"))) {
      const key = `${pair.acronym}\n${pair.longForm.toLowerCase()}`;
      if (!learned.has(key)) learned.set(key, pair);
    }
    yield;
  }
  return [...learned.values()].sort(
    (a, b) => a.acronym.localeCompare(b.acronym) || a.longForm.localeCompare(b.longForm),
  );
}

/** Each pair as an alias group: the long form and its acronym are names of one thing. */
export function acronymAliasGroups(pairs: readonly AcronymPair[]): AliasGroup[] {
  return pairs.map((p) => [p.longForm, p.acronym]);
}
