import type { SearchIndex } from "../search/build-index.ts";
import { postingsOf } from "../search/postings.ts";
import type { SearchOutcome } from "../search/query.ts";

export interface SuggestOptions {
  /** Suggestions at most. */
  max: number;
}

export const defaultSuggestOptions: SuggestOptions = { max: 5 };

/**
 * "Did you mean": known words close to the words that found nothing, then the topics the
 * knowledge base covers best (its most used fact tags), so an abstention always offers a way on.
 */
export function suggestFor(
  index: SearchIndex,
  outcome: SearchOutcome,
  options: Partial<SuggestOptions> = {},
): string[] {
  const { max } = { ...defaultSuggestOptions, ...options };
  const suggestions = new Set<string>();
  for (const concept of outcome.unmatched) {
    for (const term of concept.asked) {
      if (term.length < 4) continue;
      // One edit more than search itself allows, and the same first letter: close, not random.
      const fuzzy = Math.max(1, Math.floor(term.length / 4));
      const close = postingsOf(index.mini)
        .fuzzy(term, fuzzy)
        .filter(([t]) => t[0] === term[0])
        .sort((a, b) => a[1] - b[1]);
      for (const [t] of close.slice(0, 3)) {
        const surface = index.surfaceForms.get(t);
        if (surface) suggestions.add(surface);
      }
    }
  }
  for (const topic of topTopics(index)) suggestions.add(topic);
  return [...suggestions].slice(0, max);
}

function topTopics(index: SearchIndex): string[] {
  const counts = new Map<string, number>();
  for (const fact of index.kb.facts) {
    for (const tag of fact.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
}
