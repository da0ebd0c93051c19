import type { AddedArticleSummary } from "./add-types.ts";
import type { StoredArticle } from "./article-store.ts";

/**
 * The articles people added by hand (not feeds) at or after `after`, newest first: what
 * `/iranpak sources` and the editors' Home tab list under "Added by hand".
 */
export function listRecentHandAdds(
  stored: readonly StoredArticle[],
  after: Date,
): AddedArticleSummary[] {
  const since = after.getTime();
  return stored
    .filter((a) => a.addedFrom.kind === "hand" && Date.parse(a.summary.addedAt) >= since)
    .map((a) => a.summary)
    .sort((a, b) => Date.parse(b.addedAt) - Date.parse(a.addedAt));
}
