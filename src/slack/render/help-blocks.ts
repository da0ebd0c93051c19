import type { KnowledgeSummary } from "../../answer/summarize-knowledge.ts";
import { MIN_DISTINCT_ASKERS } from "../../digest/question-summary.ts";
import { context, type SlackMessage, section } from "./blocks.ts";
import { count } from "./count.ts";
import { fitMessage, packLines } from "./limits.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

const USAGE = [
  "`/iranpak &lt;question&gt;`: an answer only you see, with *Share in channel* and *More results*",
  "`/iranpak facts &lt;topic&gt;`: the structured facts on a topic",
  "`/iranpak sources`: the articles the answers come from",
  "`/iranpak digest`: a preview of the daily digest",
  "`@iranpak &lt;question&gt;` in a channel: the answer in the thread; or send the bot a direct message",
];

/** The digest's rule for questions, as `/iranpak help` tells it. */
const PRIVACY = `Questions asked in a direct message or with \`/iranpak\` are never quoted in a channel: the digest only counts them, and names their topics once at least ${MIN_DISTINCT_ASKERS} different people asked about them. A question asked by mentioning @iranpak in a channel may be quoted in that channel's digest, and nowhere else. Who asked is never kept.`;

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
    "",
    "*Your questions and the daily digest*",
    PRIVACY,
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
