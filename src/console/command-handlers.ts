import { formatFactValue } from "../answer/fact-value.ts";
import { summariseKnowledge } from "../answer/summarise-knowledge.ts";
import { type CommandHandlers, SUBCOMMANDS, usageOf } from "../commands/subcommands.ts";
import { findNextPage, type MoreStore } from "../conversation/more-store.ts";
import { describeFeed, formatFeedStatusText } from "../feeds/feed-status.ts";
import type { FeedStore } from "../feeds/feed-store.ts";
import { followFeed, unfollowFeed } from "../feeds/follow.ts";
import type { AddArticle } from "../ingest/add-types.ts";
import type { ArticleStore } from "../ingest/article-store.ts";
import { describeAddOutcome } from "../ingest/describe-outcome.ts";
import { listRecentHandAdds } from "../ingest/recent-hand-adds.ts";
import type { RemoveArticle } from "../ingest/remove-article.ts";
import type { KnowledgeService } from "../live-index/types.ts";
import { MIN_DISTINCT_ASKERS } from "../questions/question-summary.ts";
import { WEEK_MS } from "../util/time.ts";
import { formatAnswer } from "./format-answer.ts";

/** What the console's commands work with: one person, one "channel". */
export interface ConsoleContext {
  knowledge: KnowledgeService;
  /** The console's `more` state, under one fixed key. */
  more: MoreStore;
  now: () => Date;
  digestPreview?: () => Promise<string> | string;
  /** The followed feeds: whoever runs the console runs the bot, so may change them. */
  feeds?: FeedStore;
  /** `/iranpak add` and `remove`: whoever runs the console may (they have the server's shell). */
  addArticle?: AddArticle;
  removeArticle?: RemoveArticle;
  /** The added articles, for the hand adds of the last week in `sources`. */
  articles?: ArticleStore;
}

const FEEDS_OFF = "Feeds are not followed here.";
const NOT_SET_UP = "Adding knowledge is not set up here.";

const SUBSCRIBE_IN_SLACK =
  "Channels subscribe to the digest in Slack: run /iranpak digest subscribe in the channel.";

const ME = { asker: "console", channel: "console" };

const EXAMPLES = ["/iranpak pipeline", "@iranpak who did Bajwa meet?", "/iranpak facts border"];

/** The console's subcommands: the same table as Slack's, answered as text. */
export const CONSOLE_COMMAND_HANDLERS: CommandHandlers<ConsoleContext, Promise<string>> = {
  help: async (_, { knowledge }) => helpText(knowledge),
  // Feeds only once some are followed: a bot without any lists its articles as before.
  sources: async (_, { knowledge, feeds, articles, now }) =>
    [
      ...((await feeds?.list())?.length ? [await feedsText(feeds as FeedStore)] : []),
      ...(articles === undefined ? [] : await handAddsLines(articles, now())),
      sourcesText(knowledge),
    ].join("\n"),
  facts: async (topic, { knowledge }) => factsText(knowledge, topic),
  digest: async (_, { digestPreview }) =>
    digestPreview ? (await digestPreview()).trimEnd() : "The daily digest is not configured.",
  "digest-subscribe": async () => SUBSCRIBE_IN_SLACK,
  "digest-unsubscribe": async () => SUBSCRIBE_IN_SLACK,
  feeds: async (_, { feeds }) => (feeds === undefined ? FEEDS_OFF : feedsText(feeds)),
  "feeds-add": async (url, { feeds, now }) =>
    feeds === undefined ? FEEDS_OFF : (await followFeed(feeds, url, { now: now() })).message,
  "feeds-remove": async (url, { feeds }) =>
    feeds === undefined ? FEEDS_OFF : (await unfollowFeed(feeds, url)).message,
  add: async (url, { addArticle, now }) => {
    if (addArticle === undefined) return NOT_SET_UP;
    if (url === "") return "Give the article's address: /iranpak add https://…";
    const outcome = await addArticle({ url, origin: { kind: "hand", addedBy: "console" } });
    return describeAddOutcome(outcome, now());
  },
  remove: async (target, { removeArticle }) => {
    if (removeArticle === undefined) return NOT_SET_UP;
    const removed = await removeArticle(target);
    return removed === undefined
      ? "No added article has that id or address."
      : `Removed “${removed.summary.title}” (${removed.summary.id}).`;
  },
  more: async (_, context) => {
    const page = await findNextPage(context.more, ME, context.now(), Number.POSITIVE_INFINITY);
    if (page.kind !== "page") return "Ask a question first.";
    const answer = context.knowledge.ask(page.question, { offset: page.offset });
    if (!answer.results.some((r) => r.kind === "passage")) return "No more results.";
    await remember(context, page.question, answer.nextOffset);
    return formatAnswer(answer, page.offset + 1);
  },
  question: async (question, context) => {
    const answer = context.knowledge.ask(question);
    await remember(context, question, answer.nextOffset);
    return formatAnswer(answer);
  },
};

function remember(context: ConsoleContext, question: string, next: number): Promise<void> {
  return context.more.set(ME, { question, next, at: context.now() });
}

export function describeCounts(knowledge: KnowledgeService): string {
  const c = knowledge.counts();
  return `${c.articles} articles, ${c.passages} passages, ${c.facts} facts`;
}

/** Usage lines from the command table, aligned. */
export function consoleUsage(): string[] {
  const rows = [
    ...SUBCOMMANDS.map((c) => [`/iranpak ${usageOf(c)}`, c.summary] as const),
    ["@iranpak <question>", "the same, as a mention"] as const,
  ];
  const width = Math.max(...rows.map(([usage]) => usage.length)) + 2;
  return rows.map(([usage, summary]) => `  ${usage.padEnd(width)}${summary}`);
}

function helpText(knowledge: KnowledgeService): string {
  return [
    "Ask what the knowledge base says about Pakistan–Iran relations:",
    ...consoleUsage(),
    `Examples: ${EXAMPLES.join("  ·  ")}`,
    `Topics: ${summariseKnowledge(knowledge.knowledge()).topics.join(", ")}`,
    `Knowledge: ${describeCounts(knowledge)}.`,
    `Privacy: in Slack, questions asked by direct message or /iranpak are never quoted in a channel;`,
    `  the daily digest counts them and names their topics once ${MIN_DISTINCT_ASKERS} different people asked.`,
    `  A question asked by @iranpak mention may be quoted in that channel's digest only.`,
  ].join("\n");
}

async function feedsText(feeds: FeedStore): Promise<string> {
  const statuses = (await feeds.list()).map(describeFeed);
  if (statuses.length === 0) {
    return "No feeds are followed: set FEEDS, or use /iranpak feeds add <url>.";
  }
  return statuses.flatMap(formatFeedStatusText).join("\n");
}

/** The hand adds of the week before `now`; none, nothing (as with feeds: no noise). */
async function handAddsLines(articles: ArticleStore, now: Date): Promise<string[]> {
  const added = listRecentHandAdds(await articles.list(), new Date(now.getTime() - WEEK_MS));
  if (added.length === 0) return [];
  return [
    `${added.length} article${added.length === 1 ? "" : "s"} added by hand in the last week:`,
    ...added.map((a) => `- ${a.title} (${a.publisher}, added ${a.addedAt}) <${a.url}>`),
  ];
}

function sourcesText(knowledge: KnowledgeService): string {
  const articles = knowledge.knowledge().articles;
  return articles
    .map(
      (a) => `- ${a.title} (${a.id}, ${a.passages.length} passages)${a.url ? ` <${a.url}>` : ""}`,
    )
    .join("\n");
}

function factsText(knowledge: KnowledgeService, topic: string): string {
  const facts = knowledge.factsAbout(topic);
  if (facts.length === 0) return `No facts on “${topic}”. Try "/iranpak facts" for all of them.`;
  return facts
    .map(
      (f) => `- ${f.subject} · ${f.attribute}: ${formatFactValue(f)} (${f.article}#${f.paragraph})`,
    )
    .join("\n");
}
