import type { Article, Passage } from "../knowledge/types.ts";
import type { Citation } from "./types.ts";

/** How an answer points at a passage: article title, paragraph, and url where there is one. */
export function citePassage(passage: Passage, article: Article): Citation {
  return {
    docId: passage.id,
    title: article.title,
    paragraph: passage.n,
    ...(article.url === undefined ? {} : { url: article.url }),
  };
}
