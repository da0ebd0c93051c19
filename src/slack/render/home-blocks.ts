import type { KnowledgeSummary } from "../../answer/summarise-knowledge.ts";
/** What the Home tab shows; every question-derived part already follows the privacy rule. */
import type { FeedStatus } from "../../feeds/feed-status.ts";
import type { AddedArticleSummary } from "../../ingest/add-types.ts";
import type { ServiceStatus } from "../../live-index/types.ts";
import type { DigestTopic } from "../../questions/types.ts";
import { type Block, context, divider, header, section } from "./blocks.ts";
import { channelMrkdwn } from "./channel.ts";
import { count } from "./count.ts";
import { feedLines, feedsHeading } from "./feeds-blocks.ts";
import { handAddLines } from "./hand-adds-blocks.ts";
import { fitViewBlocks, packLines } from "./limits.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { unreadLine } from "./unread.ts";

export interface HomeInput {
  summary: KnowledgeSummary;
  status: ServiceStatus;
  digest?: {
    /** "09:00 UTC, every day". */
    schedule: string;
    /** Channel ids (`C…`/`G…`) it is posted to; absent: they could not be read in time. */
    channels?: string[];
  };
  /** The last seven days. */
  /** Editors only: every followed feed and how it is doing. */
  feeds?: FeedStatus[];
  /** Editors only: the articles added by hand in the last week, newest first. */
  handAdds?: AddedArticleSummary[];
  week: {
    asked: number;
    answered: number;
    /** Topics named only once several people asked (see MIN_DISTINCT_ASKERS). */
    topics: DigestTopic[];
    /** Answers marked not helpful; absent: the votes could not be read in time. */
    foundWrong?: number;
  };
  /** What could not be read in time, named in a line at the top (see unreadLine). */
  unread?: readonly string[];
}

export interface HomeView {
  type: "home";
  blocks: Block[];
}

const STATE: Record<ServiceStatus["state"], string> = {
  starting: "Loading the knowledge base…",
  ready: "Up to date",
  degraded: "Serving the last good knowledge base",
};

/**
 * The Home tab: what the bot knows and how fresh it is, how to ask (examples drawn from the
 * knowledge), where the digest goes, and this week's questions without quoting any (a question
 * may only be quoted in the digest of the channel it was asked in). Fits Slack's view limits.
 */
export function renderHome(input: HomeInput): HomeView {
  const { summary, status, week } = input;
  const { counts } = summary;
  const since = status.since.toISOString().replace("T", " ").slice(0, 16);
  const blocks: Block[] = [
    header("iranpak: cited answers on Pakistan–Iran relations"),
    section(
      `*What it knows:* ${count(counts.articles, "article")} · ${count(counts.passages, "passage")} · ${count(counts.facts, "fact")}\n*Knowledge base:* ${STATE[status.state]} (since ${since} UTC)`,
    ),
  ];
  if (input.unread !== undefined && input.unread.length > 0) {
    blocks.push(section(unreadLine(input.unread)));
  }
  if (status.reason !== undefined) {
    blocks.push(section(`:warning: *Problem:* ${escapeMrkdwn(status.reason)}`));
  }
  blocks.push(divider(), section("*How to ask*"));
  const ways = [
    "• `/iranpak &lt;question&gt;`: an answer only you see, with *Share in channel*; `/iranpak more` for the next results",
    "• `@iranpak &lt;question&gt;` in a channel (the answer goes in the thread, where `@iranpak and how long is it?` follows on), or a direct message here",
    "• On any message: *More actions* → *Ask iranpak about this*",
    "• `/iranpak help` for everything else",
  ];
  for (const text of packLines(ways)) blocks.push(section(text));
  if (summary.examples.length > 0) {
    const examples = summary.examples.map((q) => `• \`/iranpak ${escapeMrkdwn(q)}\``);
    for (const text of packLines(["*Try*", ...examples])) blocks.push(section(text));
  }
  blocks.push(divider());
  blocks.push(section(digestLine(input.digest)));
  const topics =
    week.topics.length === 0
      ? "none asked about by enough people to name yet"
      : week.topics.map((t) => `*${escapeMrkdwn(t.topic)}* (${t.count})`).join(", ");
  blocks.push(
    section(
      [
        `*This week:* ${count(week.asked, "question")}, ${week.answered} answered`,
        `*Most asked about:* ${topics}`,
        `*Gaps:* ${count(week.asked - week.answered, "question")} with no answer${week.foundWrong === undefined ? "" : `, ${count(week.foundWrong, "answer")} marked not helpful`}`,
      ].join("\n"),
    ),
    context(
      "Questions are never quoted here: each channel's digest lists the ones asked in it. Topics of private questions are named once several people asked.",
    ),
  );
  if (input.feeds !== undefined) {
    blocks.push(divider());
    const handAdds = input.handAdds === undefined ? [] : handAddLines(input.handAdds);
    for (const text of packLines([
      feedsHeading(input.feeds),
      ...feedLines(input.feeds),
      ...handAdds,
    ])) {
      blocks.push(section(text));
    }
    blocks.push(
      context(
        "Only knowledge editors see the feeds and the hand adds. `/iranpak feeds add &lt;url&gt;` follows another.",
      ),
    );
  }
  return { type: "home", blocks: fitViewBlocks(blocks) };
}

function digestLine(digest: HomeInput["digest"]): string {
  if (digest !== undefined && digest.channels === undefined) {
    return `*Daily digest:* ${escapeMrkdwn(digest.schedule)}`;
  }
  return digest === undefined || digest.channels?.length === 0
    ? "*Daily digest:* not posted anywhere yet. A digest admin can run `/iranpak digest subscribe` in a channel."
    : `*Daily digest:* ${escapeMrkdwn(digest.schedule)}, in ${digest.channels?.map(channelMrkdwn).join(", ")}`;
}
