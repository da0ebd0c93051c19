import type { Article } from "../../knowledge/types.ts";
import { type SlackMessage, section } from "./blocks.ts";
import { fitMessage, packLines } from "./limits.ts";
import { escapeMrkdwn, linkMrkdwn } from "./mrkdwn.ts";

/** The articles with their passage counts, linked when they have a url. */
export function renderSources(articles: readonly Article[]): SlackMessage {
  const passages = articles.reduce((n, a) => n + a.passages.length, 0);
  const heading = `*${articles.length} article${articles.length === 1 ? "" : "s"}, ${passages} passage${passages === 1 ? "" : "s"}*`;
  const lines = articles.map((a) => {
    const about = [a.source, a.published].filter((x): x is string => !!x).map(escapeMrkdwn);
    const count = `${a.passages.length} passage${a.passages.length === 1 ? "" : "s"}`;
    return `• *${linkMrkdwn(a.url, a.title)}*: ${[count, ...about].join(" · ")}`;
  });
  if (lines.length === 0) lines.push("_The knowledge base has no articles yet._");
  return fitMessage({
    text: `${articles.length} articles, ${passages} passages`,
    blocks: packLines([heading, ...lines]).map(section),
  });
}
