import { describeCitationSource } from "../../answer/citation.ts";
import type { Citation } from "../../answer/types.ts";
import type { Digest, DigestFact } from "../../digest/types.ts";
import { type Block, context, divider, header, type SlackMessage, section } from "./blocks.ts";
import { fitMessage, packLines, SLACK_LIMITS } from "./limits.ts";
import { escapeMrkdwn, linkMrkdwn } from "./mrkdwn.ts";

export interface DigestRenderOptions {
  /** Items listed per section before "…and N more". */
  maxItems: number;
}

/** Ten items a section keep a daily post readable; the rest is counted, not listed. */
export const DEFAULT_DIGEST_RENDER: Readonly<DigestRenderOptions> = { maxItems: 10 };

const TITLE = "Pakistan–Iran digest";

/** "Monday 4 May 2026" for a `YYYY-MM-DD` date, whatever the machine's locale and zone. */
export function formatDigestDate(date: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  })
    .format(new Date(`${date}T12:00:00Z`))
    .replace(",", "");
}

/** Numbers citations in order of first use, like an answer does. */
function createCitationList() {
  const cited: Citation[] = [];
  return {
    ref(citation: Citation): string {
      let i = cited.findIndex((c) => c.docId === citation.docId);
      if (i === -1) i = cited.push(citation) - 1;
      return `[${i + 1}]`;
    },
    /** Context lines for the citations first used since the last call, with their publishers. */
    takeLines(from: number): { lines: string[]; next: number } {
      const lines = cited.slice(from).map((c, k) => {
        const source = describeCitationSource(c);
        const by = source === undefined ? "" : ` · ${escapeMrkdwn(source)}`;
        return `[${from + k + 1}] *${linkMrkdwn(c.url, c.title)}*${by} · ¶${c.paragraph}`;
      });
      return { lines, next: cited.length };
    },
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function capped<T>(items: readonly T[], max: number): { shown: T[]; more: string[] } {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  return { shown, more: rest > 0 ? [`_…and ${rest} more_`] : [] };
}

function factLine(fact: DigestFact, ref: string): string {
  const asOf = fact.asOf === undefined ? "" : ` (as of ${escapeMrkdwn(fact.asOf)})`;
  return `• *${escapeMrkdwn(fact.subject)}*, ${escapeMrkdwn(fact.attribute)}: ${escapeMrkdwn(fact.value)}${asOf} ${ref}`;
}

/**
 * The digest as a Slack message: a dated header, then what is new, the day's key facts and
 * what the team asked, each with its citations underneath. Every corpus and question text is
 * escaped; long lists are cut with "…and N more", and the whole fits Slack's limits.
 */
export function renderDigest(
  digest: Digest,
  options: Partial<DigestRenderOptions> = {},
): SlackMessage {
  const { maxItems } = { ...DEFAULT_DIGEST_RENDER, ...options };
  const citations = createCitationList();
  let citedSoFar = 0;
  const blocks: Block[] = [header(`${TITLE} · ${formatDigestDate(digest.date)}`)];

  const addSection = (heading: string, lines: readonly string[]) => {
    for (const text of packLines([`*${heading}*`, ...lines], SLACK_LIMITS.sectionText)) {
      blocks.push(section(text));
    }
    const { lines: refs, next } = citations.takeLines(citedSoFar);
    citedSoFar = next;
    const chunks = packLines(refs, SLACK_LIMITS.contextText);
    for (let i = 0; i < chunks.length; i += SLACK_LIMITS.contextElements) {
      blocks.push(context(...chunks.slice(i, i + SLACK_LIMITS.contextElements)));
    }
  };

  const { articles, newFacts } = digest;
  if (articles.length > 0 || newFacts.length > 0) {
    const a = capped(articles, maxItems);
    const f = capped(newFacts, maxItems);
    const articleLines = a.shown.map((article) => {
      const label = article.status === "changed" ? " (updated)" : "";
      const lead = article.lead === "" ? "" : `: ${escapeMrkdwn(article.lead)}`;
      return `• *${escapeMrkdwn(article.title)}*${label}${lead} ${citations.ref(article.citation)}`;
    });
    const factLines = f.shown.map((fact) => factLine(fact, citations.ref(fact.citation)));
    addSection(digest.first ? "In the knowledge base" : "New in the knowledge base", [
      ...articleLines,
      ...a.more,
      ...(factLines.length > 0 ? [`_${plural(newFacts.length, "new fact")}:_`] : []),
      ...factLines,
      ...f.more,
    ]);
  } else {
    blocks.push(section("*New in the knowledge base*\nNothing new since the last digest."));
  }

  if (digest.newConflicts.length > 0) {
    const c = capped(digest.newConflicts, maxItems);
    addSection("Sources differ", [
      ...c.shown.map(({ subject, attribute, values }) => {
        const v = values.map((f) => `${escapeMrkdwn(f.value)} ${citations.ref(f.citation)}`);
        return `• *${escapeMrkdwn(subject)}*, ${escapeMrkdwn(attribute)}: ${v.join(" · ")}`;
      }),
      ...c.more,
    ]);
  }

  if (digest.keyFacts.length > 0) {
    addSection(
      "Key facts",
      digest.keyFacts.map((fact) => factLine(fact, citations.ref(fact.citation))),
    );
  }

  blocks.push(divider());
  const q = digest.questions;
  const since = digest.first ? "so far" : "since the last digest";
  const problem = q.problem === undefined ? [] : [`_${escapeMrkdwn(q.problem)}_`];
  const wrong = capped(q.wrong ?? [], maxItems);
  const wrongLines = wrong.shown.map(
    (g) => `• “${escapeMrkdwn(g.text)}”${g.count > 1 ? ` ×${g.count}` : ""}`,
  );
  const wrongUnlisted = q.wrongUnlisted ?? 0;
  const wrongSection =
    wrongLines.length > 0 || wrongUnlisted > 0
      ? [
          "_Answers the team found wrong (marked not helpful):_",
          ...wrongLines,
          ...wrong.more,
          ...(wrongUnlisted === 0
            ? []
            : [
                `_${wrongLines.length > 0 ? "…and " : ""}${wrongUnlisted} ${wrongLines.length > 0 ? "more " : ""}asked privately or in another channel (not quoted)_`,
              ]),
        ]
      : [];
  if (q.total === 0) {
    addSection("What the team asked", [
      `No questions ${since}. Ask with \`/iranpak &lt;question&gt;\` or mention the bot.`,
      ...wrongSection,
      ...problem,
    ]);
  } else {
    const topics =
      q.topics.length === 0
        ? []
        : [
            `Most asked about: ${q.topics.map((t) => `*${escapeMrkdwn(t.topic)}* (${t.count})`).join(", ")}`,
          ];
    const gaps = capped(q.unanswered, maxItems);
    const gapLines = gaps.shown.map(
      (g) => `• “${escapeMrkdwn(g.text)}”${g.count > 1 ? ` ×${g.count}` : ""}`,
    );
    const unlisted = q.unlisted ?? 0;
    // Counted so the gaps are not understated, never quoted: they were not asked here.
    const unlistedLines =
      unlisted === 0
        ? []
        : [
            `_${gapLines.length > 0 ? "…and " : ""}${unlisted} ${gapLines.length > 0 ? "more " : ""}asked privately or in another channel (not quoted)_`,
          ];
    addSection("What the team asked", [
      `${plural(q.total, "question")} ${since}, ${q.answered} answered.`,
      ...topics,
      ...(gapLines.length > 0 || unlisted > 0
        ? [
            "_Not answered yet (gaps worth a new article):_",
            ...gapLines,
            ...gaps.more,
            ...unlistedLines,
          ]
        : []),
      ...wrongSection,
      ...problem,
    ]);
  }

  blocks.push(
    context(
      `${plural(digest.totals.articles, "article")} · ${plural(digest.totals.facts, "fact")} in the knowledge base · \`/iranpak help\``,
    ),
  );
  return fitMessage({ text: fallbackText(digest), blocks });
}

/** The notification text: counts only, so no corpus or user text needs escaping here. */
function fallbackText(digest: Digest): string {
  const parts = [
    digest.articles.length > 0 ? plural(digest.articles.length, "new or updated article") : "",
    digest.newFacts.length > 0 ? plural(digest.newFacts.length, "new fact") : "",
    plural(digest.keyFacts.length, "key fact"),
    plural(digest.questions.total, "question"),
  ].filter((p) => p !== "");
  return `${TITLE} for ${formatDigestDate(digest.date)}: ${parts.join(", ")}.`;
}

/** The digest as `/iranpak digest` shows it: marked as a preview only the asker sees. */
export function renderDigestPreview(digest: Digest): SlackMessage {
  const message = renderDigest(digest);
  const [head, ...rest] = message.blocks;
  const note = context("_Preview: only you can see this. Nothing was posted._");
  return fitMessage({ text: message.text, blocks: head ? [head, note, ...rest] : [note] });
}
