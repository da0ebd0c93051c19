import type { SearchIndex } from "./build-index.ts";
import { prepareSearch } from "./prepare.ts";
import { searchIndex } from "./query.ts";
import type { Retriever } from "./retriever.ts";

const retrievers = new WeakMap<SearchIndex, Retriever>();

/** The in-process index as a `Retriever`; one per index, so its memos live as long as it does. */
export function indexRetriever(index: SearchIndex): Retriever {
  let retriever = retrievers.get(index);
  if (retriever === undefined) {
    const lookup = () => prepareSearch(index);
    retriever = {
      knowledge: index.kb,
      search: (question, options) => searchIndex(index, question, options),
      nearTerms: (term, maxDistance) => index.postings.fuzzy(term, maxDistance),
      surfaceForm: (term) => index.postings.surfaceForm(term),
      passage: (id) => lookup().passageById.get(id),
      article: (id) => lookup().articleById.get(id),
      fact: (hitId) => lookup().factByDocumentId.get(hitId),
      quoteRange: (hitId) => lookup().quoteRange(hitId),
    };
    retrievers.set(index, retriever);
  }
  return retriever;
}
