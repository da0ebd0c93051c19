import type { KnowledgeSummary } from "../../answer/summarise-knowledge.ts";
import { SUBCOMMANDS, usageOf } from "../../commands/subcommands.ts";
import { MIN_DISTINCT_ASKERS } from "../../questions/question-summary.ts";
import { context, type SlackMessage, section } from "./blocks.ts";
import { count } from "./count.ts";
import { fitMessage, packLines } from "./limits.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

/** Ways to ask besides the slash command. */
const ALSO = [
  "`@iranpak &lt;question&gt;` in a channel: the answer in the thread, where a short follow-up (`@iranpak and how long is it?`) is read with the question before it; the same in direct messages to the bot",
];

/** The command table's usage lines, in help order. */
export function usageLines(): string[] {
  return [
    ...SUBCOMMANDS.map((c) => {
      const note = c.kind === "question" ? " (only you see it, with *Share in channel*)" : "";
      return `\`/iranpak ${escapeMrkdwn(usageOf(c))}\`: ${escapeMrkdwn(c.summary)}${note}`;
    }),
    ...ALSO,
  ];
}

/** The digest's rule for questions, as `/iranpak help` tells it. */
const PRIVACY = `Questions asked in a direct message or with \`/iranpak\` are never quoted in a channel: the digest only counts them, and names their topics once at least ${MIN_DISTINCT_ASKERS} different people asked about them. A question asked by mentioning @iranpak in a channel may be quoted in that channel's digest, and nowhere else. Who asked is never kept.`;

export function renderHelp(summary: KnowledgeSummary): SlackMessage {
  const { counts } = summary;
  const examples = summary.examples.map((q) => `• \`/iranpak ${escapeMrkdwn(q)}\``);
  const lines = [
    "*iranpak answers questions about Pakistan–Iran relations from the team's knowledge base, citing the passage each answer comes from.*",
    "",
    "*How to ask*",
    ...usageLines().map((u) => `• ${u}`),
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
