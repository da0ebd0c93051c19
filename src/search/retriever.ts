import type { Article, Fact, KnowledgeBase, Passage } from "../knowledge/types.ts";
import type { TextRange } from "../text/normalise.ts";
import type { SearchOutcome, SearchQueryOptions } from "./query.ts";

/**
 * What answering needs from a search backend: search, terms near a word for "did you mean",
 * and looking up what hits name. `src/answer` depends on this, not on how an index is laid
 * out, so a second backend (a search server for corpora that outgrow one process) has a place
 * to go. `indexRetriever` (index-retriever.ts) serves it from the in-process index.
 */
export interface Retriever {
  /** The knowledge served: hits name its passages and facts. */
  readonly knowledge: KnowledgeBase;
  search(question: string, options?: Partial<SearchQueryOptions>): SearchOutcome;
  /** Known terms within `maxDistance` edits of `term` (not `term` itself), with their distance. */
  nearTerms(term: string, maxDistance: number): [term: string, distance: number][];
  /** A known term as the knowledge base spells it. */
  surfaceForm(term: string): string | undefined;
  passage(id: string): Passage | undefined;
  article(id: string): Article | undefined;
  /** A fact by the id its hits carry. */
  fact(hitId: string): Fact | undefined;
  /** Where the fact's quote stands in its passage. */
  quoteRange(hitId: string): TextRange | undefined;
}
