import type { ArticleStore, StoredArticle } from "./article-store.ts";
import { normaliseArticleUrl } from "./normalise-url.ts";

/** Removes an added article by id or address, for good (a tombstone); undefined when none. */
export type RemoveArticle = (idOrUrl: string) => Promise<StoredArticle | undefined>;

/** `onRemoved` runs once it is gone from the store: the knowledge reloads, so no answer cites it. */
export function createArticleRemover(deps: {
  store: ArticleStore;
  onRemoved?: (article: StoredArticle) => unknown;
}): RemoveArticle {
  return async (idOrUrl) => {
    const key = idOrUrl.trim();
    const removed = await deps.store.remove(normaliseArticleUrl(key) ?? key);
    if (removed !== undefined) await deps.onRemoved?.(removed);
    return removed;
  };
}
