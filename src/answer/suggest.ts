import type { SearchOutcome } from "../search/query.ts";
import type { Retriever } from "../search/retriever.ts";
import { DEFAULT_TYPO_OPTIONS } from "../search/typos.ts";
import { summariseKnowledge } from "./summarise-knowledge.ts";

export interface SuggestOptions {
  /** Suggestions at most. */
  max: number;
}

export const DEFAULT_SUGGEST_OPTIONS: SuggestOptions = { max: 5 };

/**
 * "Did you mean": known words close to the words that found nothing, then the topics the
 * knowledge base covers best (the subjects with most facts), so an abstention always offers a way on.
 */
export function suggestFor(
  retriever: Retriever,
  outcome: SearchOutcome,
  options: Partial<SuggestOptions> = {},
): string[] {
  const { max } = { ...DEFAULT_SUGGEST_OPTIONS, ...options };
  const suggestions = new Set<string>();
  for (const concept of outcome.unmatched) {
    for (const term of concept.asked) {
      if (term.length < 4 || term.length > DEFAULT_TYPO_OPTIONS.maxLength) continue;
      // One edit more than search itself allows, and the same first letter: close, not random.
      const fuzzy = Math.max(1, Math.floor(term.length / 4));
      const close = retriever
        .nearTerms(term, fuzzy)
        .filter(([t]) => t[0] === term[0])
        .sort((a, b) => a[1] - b[1]);
      for (const [t] of close.slice(0, 3)) {
        const surface = retriever.surfaceForm(t);
        if (surface) suggestions.add(surface);
      }
    }
  }
  for (const topic of summariseKnowledge(retriever.knowledge).topics) suggestions.add(topic);
  return [...suggestions].slice(0, max);
}
