import type { Article } from "../../knowledge/types.ts";
import { type SlackMessage, section } from "./blocks.ts";
import { count } from "./count.ts";
import { fitMessage, packLines } from "./limits.ts";
import { escapeMrkdwn, linkMrkdwn } from "./mrkdwn.ts";

/** The articles with their passage counts, linked when they have a url. */
export function renderSources(articles: readonly Article[]): SlackMessage {
  const passages = articles.reduce((n, a) => n + a.passages.length, 0);
  const heading = `*${count(articles.length, "article")}, ${count(passages, "passage")}*`;
  const lines = articles.map((a) => {
    const about = [a.source, a.published].filter((x): x is string => !!x).map(escapeMrkdwn);
    return `• *${linkMrkdwn(a.url, a.title)}*: ${[count(a.passages.length, "passage"), ...about].join(" · ")}`;
  });
  if (lines.length === 0) lines.push("_The knowledge base has no articles yet._");
  return fitMessage({
    text: `${count(articles.length, "article")}, ${count(passages, "passage")}`,
    blocks: packLines([heading, ...lines]).map(section),
  });
}
