import type { AddedFrom, NewArticle } from "../../src/ingest/article-store.ts";

export interface NewArticleOptions {
  title?: string;
  publisher?: string;
  addedAt?: string;
  addedFrom?: AddedFrom;
  /** The article file's body. */
  body?: string;
}

/** An article to store, as the adder makes one, at https://dawn.com/<id>: added by hand unless said. */
export function newArticle(id: string, options: NewArticleOptions = {}): NewArticle {
  const title = options.title ?? `Title ${id}`;
  return {
    summary: {
      id,
      title,
      publisher: options.publisher ?? "Dawn",
      url: `https://dawn.com/${id}`,
      paragraphs: 1,
      facts: 0,
      addedAt: options.addedAt ?? "2026-12-07T01:00:00.000Z",
    },
    fingerprint: { textHash: `hash-${id}`, minHash: "AAAA" },
    addedFrom: options.addedFrom ?? { kind: "hand" },
    file: {
      fileName: `${id}.md`,
      text: `---\nid: ${id}\ntitle: ${title}\n---\n\n${options.body ?? `Body of ${id}.`}\n`,
    },
  };
}
