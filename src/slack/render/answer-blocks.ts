import { describeCitationSource } from "../../answer/citation.ts";
import { type AnswerQuote, factsBySubject, quotePassages } from "../../answer/quotes.ts";
import type { Answer, AnswerResult } from "../../answer/types.ts";
import { encodeAnswerRef } from "./answer-ref.ts";
import {
  actions,
  type Block,
  type ButtonElement,
  button,
  context,
  type SlackMessage,
  section,
} from "./blocks.ts";
import { fitMessage, truncateText } from "./limits.ts";
import { boldMarks, escapeMrkdwn, linkMrkdwn, quoteMrkdwn } from "./mrkdwn.ts";

export const ACTION_SHARE = "iranpak_share";
export const ACTION_MORE = "iranpak_more";
export const ACTION_HELPFUL = "iranpak_helpful";
export const ACTION_NOT_HELPFUL = "iranpak_not_helpful";

/** The feedback buttons of one answer, and its votes so far once someone voted. */
export interface AnswerFeedback {
  /** The answer's id (16 hex digits): votes are counted per answer. */
  id: string;
  tally?: { helpful: number; notHelpful: number };
}

export interface AnswerRenderOptions {
  /** Passages skipped before this page (the More button asks for the next page). Default 0. */
  offset?: number;
  /** Adds "Share in channel": for answers only the asker sees. Default false. */
  share?: boolean;
  /** Adds "More results" when the answer has more. Default true. */
  more?: boolean;
  /** A Slack user id: the answer says this user shared it. */
  sharedBy?: string;
  /** Adds "Helpful" / "Not helpful" for this answer id. */
  feedback?: AnswerFeedback;
}

export const DEFAULT_ANSWER_RENDER_OPTIONS = {
  offset: 0,
  share: false,
  more: true,
} as const satisfies AnswerRenderOptions;

/** Help pointer every abstention ends with. */
export const HELP_HINT = "Type `/iranpak help` to see what the knowledge base covers.";

/**
 * Renders an answer: the question, each passage quoted once with the matched terms in bold (the
 * facts that quote it above the quote), a citation under each, and the buttons. An abstention renders as renderAbstention.
 */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): SlackMessage {
  const opts = { ...DEFAULT_ANSWER_RENDER_OPTIONS, ...options };
  if (answer.confidence === "none" || answer.results.length === 0) {
    return renderAbstention(answer, opts);
  }
  const blocks: Block[] = [...questionBlocks(answer.query, opts), ...noticeBlocks(answer)];
  const quotes = quotePassages(answer.results);
  // Quotes with facts first, as the results come; "Sources differ" follows the facts.
  const withFacts = quotes.filter((q) => q.facts.length > 0);
  const passages = quotes.filter((q) => q.facts.length === 0);
  blocks.push(
    ...withFacts.flatMap((quote, j) => quoteBlocks(quote, j + 1)),
    ...conflictBlocks(answer),
    ...passages.flatMap((quote, j) => quoteBlocks(quote, withFacts.length + j + 1)),
  );
  // Share and the votes rebuild the same answer: one value serves them all.
  const ref = refFor(answer, opts, opts.offset);
  const buttons = [
    ...(opts.share ? [button(ACTION_SHARE, "Share in channel", ref)] : []),
    ...(opts.more && answer.hasMore
      ? [
          button(
            ACTION_MORE,
            "More results",
            encodeAnswerRef({
              question: answer.query,
              offset: answer.nextOffset,
            }),
          ),
        ]
      : []),
  ];
  blocks.push(...feedbackBlocks(opts, buttons, ref));
  const first = answer.results[0];
  const summary = first ? `: ${first.value ?? first.snippet}` : "";
  return fitMessage({
    text: `Answer to "${truncateText(escapeMrkdwn(answer.query), 200)}"${truncateText(escapeMrkdwn(summary), 300)}`,
    blocks,
  });
}

/** Nothing found: what was searched, the suggestions, and where to get help. */
export function renderAbstention(answer: Answer, options: AnswerRenderOptions = {}): SlackMessage {
  const blocks: Block[] = [...questionBlocks(answer.query, options), ...noticeBlocks(answer)];
  const searched =
    answer.terms.length > 0
      ? `I found nothing in the knowledge base on ${answer.terms.map((t) => `\`${escapeMrkdwn(t)}\``).join(", ")}.`
      : "Your question has no words I can search for: try naming a person, place or topic.";
  blocks.push(section(searched));
  if (answer.suggestions.length > 0) {
    const suggestions = answer.suggestions.map((s) => `• ${escapeMrkdwn(s)}`);
    blocks.push(section(`*Did you mean…*\n${suggestions.join("\n")}`));
  }
  blocks.push(context(HELP_HINT));
  blocks.push(...feedbackBlocks(options, [], refFor(answer, options, options.offset ?? 0)));
  return fitMessage({
    text: `Nothing found for "${truncateText(escapeMrkdwn(answer.query), 200)}"`,
    blocks,
  });
}

/**
 * What the reader must know before the results: a word read as another ("Showing results for
 * *pipeline*"), a question cut short, and an answer that covers the question only in part.
 */
function noticeBlocks(answer: Answer): Block[] {
  const notes: string[] = [];
  if (answer.corrections.length > 0) {
    const shown = answer.corrections.map(
      (c) => `*${escapeMrkdwn(c.shown)}* (you typed _${escapeMrkdwn(c.asked)}_)`,
    );
    notes.push(`Showing results for ${shown.join(", ")}`);
  }
  if (answer.truncated) notes.push("Your question was long: only its beginning was searched.");
  const blocks: Block[] = notes.length > 0 ? [context(...notes)] : [];
  if (answer.confidence === "closest") {
    const missed =
      answer.missed.length > 0
        ? `\nNothing matched ${answer.missed.map((t) => `\`${escapeMrkdwn(t)}\``).join(", ")}.`
        : "";
    blocks.push(section(`*No passage answers this directly; the closest:*${missed}`));
  }
  return blocks;
}

/** The value of a button that rebuilds this answer as shown (for Share and the votes). */
function refFor(answer: Answer, options: AnswerRenderOptions, offset: number): string {
  return encodeAnswerRef({
    question: answer.query,
    offset,
    ...(options.feedback === undefined ? {} : { id: options.feedback.id }),
    ...(options.share ? { share: true } : {}),
    ...(options.sharedBy === undefined ? {} : { sharedBy: options.sharedBy }),
  });
}

/**
 * The buttons, last (fitMessage keeps a trailing actions block): `others` then, when asked
 * for, Helpful / Not helpful, with the votes so far above them once someone voted.
 */
function feedbackBlocks(
  options: AnswerRenderOptions,
  others: ButtonElement[],
  value: string,
): Block[] {
  const feedback = options.feedback;
  if (feedback === undefined) return others.length > 0 ? [actions(...others)] : [];
  const tally = feedback.tally;
  return [
    ...(tally === undefined
      ? []
      : [
          context(
            `Thanks for the feedback. So far ${tally.helpful} found this helpful, ${tally.notHelpful} not helpful.`,
          ),
        ]),
    actions(
      ...others,
      button(ACTION_HELPFUL, "Helpful", value),
      button(ACTION_NOT_HELPFUL, "Not helpful", value),
    ),
  ];
}

function questionBlocks(question: string, options: AnswerRenderOptions): Block[] {
  const asked = section(`*Question:* ${escapeMrkdwn(question)}`);
  // Only a real Slack user id is mentioned; anything else is dropped rather than escaped.
  if (options.sharedBy === undefined || !/^[UW][A-Z0-9]+$/.test(options.sharedBy)) return [asked];
  return [context(`Shared by <@${options.sharedBy}>`), asked];
}

/**
 * One passage, quoted once: the facts that quote it as short lines ("*Iran–Pakistan gas
 * pipeline* · length 2,775 km · laid as far as the Pakistani border"), the quote with the
 * matched terms in bold, and its citation.
 */
function quoteBlocks(quote: AnswerQuote, n: number): Block[] {
  const quoted = quoteMrkdwn(boldMarks(quote.snippet, quote.marks));
  const facts = factsBySubject(quote.facts).map(
    ({ subject, facts: same }) => `*${escapeMrkdwn(subject)}* · ${same.map(factLine).join(" · ")}`,
  );
  return [section([...facts, quoted].join("\n")), context(citationText(quote, n))];
}

/** "length 2,775 km", with when it held and whether nobody curated it. */
function factLine(result: AnswerResult): string {
  const fact = result.fact;
  const value = escapeMrkdwn(result.value ?? fact?.value ?? "");
  const asOf = fact?.asOf === undefined ? "" : ` _(as of ${escapeMrkdwn(fact.asOf)})_`;
  const extracted = fact?.origin === "extracted" ? " _(extracted automatically)_" : "";
  return `${escapeMrkdwn(fact?.attribute ?? "")} ${value}${asOf}${extracted}`;
}

/** "Sources differ": each article's value for the same subject and attribute, cited. */
function conflictBlocks(answer: Answer): Block[] {
  return answer.conflicts.map(({ subject, attribute, results }) => {
    const lines = results.map((r) => {
      const { title, url, paragraph } = r.citation;
      return `• ${escapeMrkdwn(r.value ?? "")} · *${linkMrkdwn(url, title)}* · ¶${paragraph}`;
    });
    return section(
      [
        `*Sources differ* on *${escapeMrkdwn(subject)}* · ${escapeMrkdwn(attribute)}:`,
        ...lines,
      ].join("\n"),
    );
  });
}

/** "[1] *title* · ¶15", the title linked when the article has a url. */
export function citationText(result: Pick<AnswerResult, "citation">, n: number): string {
  const { title, url, paragraph } = result.citation;
  const source = describeCitationSource(result.citation);
  const from = source === undefined ? "" : ` · ${escapeMrkdwn(source)}`;
  return `[${n}] *${linkMrkdwn(url, title)}*${from} · ¶${paragraph}`;
}
