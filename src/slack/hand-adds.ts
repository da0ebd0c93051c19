import type { AddedArticleSummary } from "../ingest/add-types.ts";
import { listRecentHandAdds } from "../ingest/recent-hand-adds.ts";
import { WEEK_MS } from "../util/time.ts";
import type { SlackDeps } from "./deps.ts";

/**
 * The articles added by hand in the week before the deps' clock, newest first; undefined when
 * this bot can't add articles (nothing to list then).
 */
export async function listHandAddsThisWeek(
  deps: SlackDeps,
): Promise<AddedArticleSummary[] | undefined> {
  if (deps.editing === undefined) return undefined;
  const now = (deps.now ?? (() => new Date()))();
  return listRecentHandAdds(await deps.editing.articles.list(), new Date(now.getTime() - WEEK_MS));
}
