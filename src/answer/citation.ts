import type { Article, Passage } from "../knowledge/types.ts";
import type { Citation } from "./types.ts";

/** How an answer points at a passage: article title, paragraph, and url, publisher and date where known. */
export function citePassage(passage: Passage, article: Article): Citation {
  return {
    docId: passage.id,
    title: article.title,
    paragraph: passage.n,
    ...(article.url === undefined ? {} : { url: article.url }),
    ...(article.source === undefined ? {} : { source: article.source }),
    ...(article.published === undefined ? {} : { published: article.published }),
  };
}

/** "Dawn, 2024-03-02" beside a citation's title: publisher and date, what the article has of them. */
export function describeCitationSource(citation: Citation): string | undefined {
  const parts = [citation.source, citation.published].filter((p) => p !== undefined && p !== "");
  return parts.length === 0 ? undefined : parts.join(", ");
}
