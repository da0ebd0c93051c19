import { formatInstant } from "../../feeds/feed-status.ts";
import type { AddedArticleSummary } from "../../ingest/add-types.ts";
import { count } from "./count.ts";
import { escapeMrkdwn, linkMrkdwn } from "./mrkdwn.ts";

/** At most this many hand adds are listed: a busy week must not push the rest out. */
export const MAX_HAND_ADD_LINES = 20;

/**
 * "Added by hand in the last week": one line per article, newest first, with its title linked,
 * publisher and when it was added; the rest counted. Everything from the page is escaped.
 */
export function handAddLines(articles: readonly AddedArticleSummary[]): string[] {
  const heading = `*${count(articles.length, "article")} added by hand in the last week*`;
  if (articles.length === 0) return [heading];
  const lines = articles
    .slice(0, MAX_HAND_ADD_LINES)
    .map(
      (a) =>
        `• *${linkMrkdwn(a.url, a.title)}* · ${escapeMrkdwn(a.publisher)} · added ${formatInstant(a.addedAt)}`,
    );
  const more = articles.length - MAX_HAND_ADD_LINES;
  return [heading, ...lines, ...(more > 0 ? [`_…and ${count(more, "more article")}_`] : [])];
}
