import { formatFactValue } from "../../answer/fact-value.ts";
import type { Article, Fact } from "../../knowledge/types.ts";
import { HELP_HINT } from "./answer-blocks.ts";
import { context, type SlackMessage, section } from "./blocks.ts";
import { count } from "./count.ts";
import { fitMessage, packLines, truncateText } from "./limits.ts";
import { escapeMrkdwn, linkMrkdwn } from "./mrkdwn.ts";

/**
 * The facts on a topic, each with its citation; when there are none, the topics there are.
 * `articles` gives titles and urls for the citations.
 */
export function renderFacts(
  topic: string,
  facts: readonly Fact[],
  articles: readonly Article[],
  topics: readonly string[] = [],
): SlackMessage {
  const about = topic.trim() === "" ? "All facts" : `Facts on “${escapeMrkdwn(topic)}”`;
  if (facts.length === 0) {
    const known =
      topics.length > 0 ? `\nTopics with facts: ${topics.map(escapeMrkdwn).join(" · ")}` : "";
    return fitMessage({
      text: `No facts on "${truncateText(escapeMrkdwn(topic), 200)}"`,
      blocks: [section(`No facts on “${escapeMrkdwn(topic)}”.${known}`), context(HELP_HINT)],
    });
  }
  const byId = new Map(articles.map((a) => [a.id, a]));
  const lines = facts.map((f) => {
    const article = byId.get(f.article);
    const value = escapeMrkdwn(formatFactValue(f));
    const asOf = f.asOf ? ` _(as of ${escapeMrkdwn(f.asOf)})_` : "";
    const cite = `${linkMrkdwn(article?.url, article?.title ?? f.article)} · ¶${f.paragraph}`;
    return `• *${escapeMrkdwn(f.subject)}* · ${escapeMrkdwn(f.attribute)}: *${value}*${asOf} (${cite})`;
  });
  return fitMessage({
    text: `${count(facts.length, "fact")} on "${truncateText(escapeMrkdwn(topic), 200)}"`,
    blocks: packLines([`*${about}* (${facts.length})`, ...lines]).map(section),
  });
}
