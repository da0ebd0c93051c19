import type { FeedStatus } from "../../feeds/feed-status.ts";
import type { AddedArticleSummary } from "../../ingest/add-types.ts";
import type { Article } from "../../knowledge/types.ts";
import { type SlackMessage, section } from "./blocks.ts";
import { count } from "./count.ts";
import { feedLines, feedsHeading } from "./feeds-blocks.ts";
import { handAddLines } from "./hand-adds-blocks.ts";
import { fitMessage, packLines } from "./limits.ts";
import { escapeMrkdwn, linkMrkdwn } from "./mrkdwn.ts";
import { unreadLine } from "./unread.ts";

/**
 * When feeds are followed, each feed with its last poll, items added, error and next try; when
 * articles can be added, those added by hand in the last week; then the articles with their
 * passage counts, linked when they have a url. `unread` names what could not be read in time.
 */
export function renderSources(
  articles: readonly Article[],
  feeds?: readonly FeedStatus[],
  handAdds?: readonly AddedArticleSummary[],
  unread: readonly string[] = [],
): SlackMessage {
  const passages = articles.reduce((n, a) => n + a.passages.length, 0);
  const heading = `*${count(articles.length, "article")}, ${count(passages, "passage")}*`;
  const lines = articles.map((a) => {
    const about = [a.source, a.published].filter((x): x is string => !!x).map(escapeMrkdwn);
    return `• *${linkMrkdwn(a.url, a.title)}*: ${[count(a.passages.length, "passage"), ...about].join(" · ")}`;
  });
  if (lines.length === 0) lines.push("_The knowledge base has no articles yet._");
  return fitMessage({
    text: `${count(articles.length, "article")}, ${count(passages, "passage")}`,
    // Feeds first: a few lines, where a large knowledge base's articles could push them out.
    blocks: packLines([
      ...(unread.length === 0 ? [] : [unreadLine(unread)]),
      ...(feeds === undefined ? [] : [feedsHeading(feeds), ...feedLines(feeds)]),
      ...(handAdds === undefined ? [] : handAddLines(handAdds)),
      heading,
      ...lines,
    ]).map(section),
  });
}
