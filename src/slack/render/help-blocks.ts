import type { KnowledgeBase, KnowledgeCounts } from "../../knowledge/types.ts";
import { context, type SlackMessage, section } from "./blocks.ts";
import { count } from "./count.ts";
import { fitMessage, packLines } from "./limits.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

/** What help says about the knowledge base, derived from it so it never goes stale. */
export interface KnowledgeSummary {
  counts: KnowledgeCounts;
  articles: string[];
  /** Fact subjects, those with the most facts first. */
  topics: string[];
  /** Questions the knowledge base is sure to answer. */
  examples: string[];
}

export const SUMMARY_LIMITS = { articles: 5, topics: 15, examples: 3 } as const;

/** Topics are fact subjects by number of facts; examples pair a subject with a short attribute. */
export function summarizeKnowledge(kb: KnowledgeBase, counts: KnowledgeCounts): KnowledgeSummary {
  const bySubject = new Map<string, number>();
  for (const fact of kb.facts) bySubject.set(fact.subject, (bySubject.get(fact.subject) ?? 0) + 1);
  const topics = [...bySubject.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([subject]) => subject);
  const examples: string[] = [];
  for (const subject of topics) {
    const fact = kb.facts.find(
      (f) => f.subject === subject && f.attribute.trim().split(/\s+/).length <= 2,
    );
    if (fact) examples.push(`${fact.attribute} of ${fact.subject}?`);
    if (examples.length === SUMMARY_LIMITS.examples) break;
  }
  return {
    counts,
    articles: kb.articles.slice(0, SUMMARY_LIMITS.articles).map((a) => a.title),
    topics: topics.slice(0, SUMMARY_LIMITS.topics),
    examples,
  };
}

const USAGE = [
  "`/iranpak &lt;question&gt;`: an answer only you see, with *Share in channel* and *More results*",
  "`/iranpak facts &lt;topic&gt;`: the structured facts on a topic",
  "`/iranpak sources`: the articles the answers come from",
  "`/iranpak digest`: a preview of the daily digest",
  "`@iranpak &lt;question&gt;` in a channel: the answer in the thread; or send the bot a direct message",
];

export function renderHelp(summary: KnowledgeSummary): SlackMessage {
  const { counts } = summary;
  const examples = summary.examples.map((q) => `• \`/iranpak ${escapeMrkdwn(q)}\``);
  const lines = [
    "*iranpak answers questions about Pakistan–Iran relations from the team's knowledge base, citing the passage each answer comes from.*",
    "",
    "*How to ask*",
    ...USAGE.map((u) => `• ${u}`),
    ...(examples.length > 0 ? ["", "*Try*", ...examples] : []),
    ...(summary.articles.length > 0
      ? ["", "*Articles*", ...summary.articles.map((t) => `• ${escapeMrkdwn(t)}`)]
      : []),
    ...(summary.topics.length > 0
      ? ["", `*Topics*\n${summary.topics.map(escapeMrkdwn).join(" · ")}`]
      : []),
  ];
  return fitMessage({
    text: "How to use iranpak: /iranpak &lt;question&gt;, /iranpak facts &lt;topic&gt;, /iranpak sources",
    blocks: [
      ...packLines(lines).map(section),
      context(
        `${count(counts.articles, "article")} · ${count(counts.passages, "passage")} · ${count(counts.facts, "fact")}`,
      ),
    ],
  });
}
