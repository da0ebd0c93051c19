import type { Block, ButtonElement, MrkdwnText, SlackMessage } from "./blocks.ts";
import { context, mrkdwn } from "./blocks.ts";

/** Slack's Block Kit limits, as documented, and the total we keep block text under. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  /** A Home tab (or modal) view. */
  blocksPerView: 100,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  headerText: 150,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  /** Slack rejects messages well before the sum of the per-block limits; ~12,000 is safe. */
  blockText: 12_000,
  /** The fallback `text` is cut at 40,000 by Slack; a notification needs far less. */
  messageText: 4000,
} as const;

const ELLIPSIS = "…";

/** Shown instead of the blocks that did not fit. */
export const LEFT_OUT_NOTE = "_Some of this was left out to fit in one Slack message._";

/**
 * Shortens text to at most `max` characters, ending with "…". Never cuts inside a surrogate pair,
 * an `&amp;`-style entity or a `<…>` link, so escaped mrkdwn stays escaped.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  const head = text.slice(0, cut);
  const amp = head.lastIndexOf("&");
  if (amp !== -1 && !head.slice(amp).includes(";") && head.length - amp < 8) cut = amp;
  const open = head.lastIndexOf("<");
  if (open > head.lastIndexOf(">")) cut = Math.min(cut, open);
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/**
 * Packs lines into as few texts of at most `max` characters as possible, joined by newlines;
 * a line longer than `max` is shortened. For lists that must become several sections.
 */
export function packLines(lines: readonly string[], max: number = SLACK_LIMITS.sectionText) {
  const chunks: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = truncateText(raw, max);
    if (current !== "" && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current === "" ? line : `${current}\n${line}`;
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

/** Sum of the text Slack counts in a block. */
export function blockTextLength(block: Block): number {
  switch (block.type) {
    case "section":
      return (block.text?.text.length ?? 0) + sum(block.fields?.map((f) => f.text.length) ?? []);
    case "context":
      return sum(block.elements.map((e) => e.text.length));
    case "header":
      return block.text.text.length;
    case "actions":
      return sum(block.elements.map((b) => b.text.text.length));
    case "divider":
      return 0;
  }
}

/** Every limit a message breaks, in words; empty when Slack will take it. */
export function limitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  checkLimits(message, (problem) => {
    problems.push(problem);
    return true;
  });
  return problems;
}

/**
 * Tells `report` each limit the message breaks, in words (made only for a broken one: nearly
 * every message breaks none, and labelling every check was most of the checking); stops at the
 * next block once `report` returns false.
 */
function checkLimits(message: SlackMessage, report: (problem: string) => boolean): void {
  const L = SLACK_LIMITS;
  let going = true;
  const broken = (problem: string) => {
    going = report(problem);
  };
  /** `n` against `max`, for the message (`block` -1) or its block `block`. */
  const over = (block: number, what: string, n: number, max: number) => {
    if (n > max) broken(`${labelOf(message, block)}${what}: ${n} > ${max}`);
  };
  if (message.text.trim() === "") broken("text: empty fallback");
  over(-1, "text", message.text.length, L.messageText);
  over(-1, "blocks", message.blocks.length, L.blocksPerMessage);
  over(-1, "block text", sum(message.blocks.map(blockTextLength)), L.blockText);
  for (let i = 0; i < message.blocks.length && going; i++) {
    const block = message.blocks[i] as Block;
    if (block.type === "section") {
      if (!block.text && !block.fields?.length) {
        broken(`${labelOf(message, i)}: neither text nor fields`);
      }
      if (block.text) {
        over(i, " text", block.text.text.length, L.sectionText);
        if (block.text.text === "") broken(`${labelOf(message, i)}: empty text`);
      }
      over(i, " fields", block.fields?.length ?? 0, L.fieldsPerSection);
      for (const f of block.fields ?? []) over(i, " field", f.text.length, L.fieldText);
    } else if (block.type === "context") {
      over(i, " elements", block.elements.length, L.contextElements);
      for (const e of block.elements) over(i, " element", e.text.length, L.contextText);
    } else if (block.type === "header") {
      over(i, " text", block.text.text.length, L.headerText);
    } else if (block.type === "actions") {
      over(i, " elements", block.elements.length, L.actionsElements);
      for (const b of block.elements) {
        over(i, " button text", b.text.text.length, L.buttonText);
        over(i, " button value", b.value.length, L.buttonValue);
      }
    }
  }
}

/** "block 3 (section)" for a block's limits, nothing for the message's own. */
function labelOf(message: SlackMessage, block: number): string {
  return block < 0 ? "" : `block ${block} (${message.blocks[block]?.type})`;
}

/**
 * Returns the message made to fit every limit: long texts shortened, extra fields and elements
 * dropped, and blocks past the count or text budget replaced by a note. The trailing actions
 * block (the buttons) is always kept. Never throws.
 */
export function fitMessage(message: SlackMessage): SlackMessage {
  if (fitsAsItIs(message)) return message;
  const L = SLACK_LIMITS;
  const blocks = message.blocks.map(fitBlock);
  const tail = blocks.at(-1)?.type === "actions" ? blocks.splice(-1) : [];
  const room = L.blocksPerMessage - tail.length - 1;
  let budget = L.blockText - sum(tail.map(blockTextLength)) - LEFT_OUT_NOTE.length;
  const kept: Block[] = [];
  let leftOut = false;
  for (const block of blocks) {
    const length = blockTextLength(block);
    if (kept.length < room && length <= budget) {
      kept.push(block);
      budget -= length;
      continue;
    }
    leftOut = true;
    // A long section shortened into what is left still says more than a note alone.
    if (kept.length < room && block.type === "section" && block.text && budget >= 200) {
      kept.push({ type: "section", text: mrkdwn(truncateText(block.text.text, budget)) });
    }
    break;
  }
  const text = truncateText(message.text.trim() === "" ? ELLIPSIS : message.text, L.messageText);
  return { text, blocks: [...kept, ...(leftOut ? [context(LEFT_OUT_NOTE)] : []), ...tail] };
}

/**
 * True when `fitMessage` would change nothing: no limit broken, and room for the note about
 * left-out blocks. Nearly every answer: checking is far cheaper than copying every block.
 */
function fitsAsItIs(message: SlackMessage): boolean {
  const L = SLACK_LIMITS;
  if (message.blocks.length >= L.blocksPerMessage) return false;
  if (sum(message.blocks.map(blockTextLength)) > L.blockText - LEFT_OUT_NOTE.length) return false;
  let fits = true;
  checkLimits(message, () => {
    fits = false;
    return false;
  });
  return fits;
}

/**
 * Returns view blocks (the Home tab's) made to fit: each block's texts and elements within
 * limits, and at most `blocksPerView`, the last kept one a note when some were left out.
 */
export function fitViewBlocks(blocks: readonly Block[]): Block[] {
  const fitted = blocks.map(fitBlock);
  if (fitted.length <= SLACK_LIMITS.blocksPerView) return fitted;
  return [...fitted.slice(0, SLACK_LIMITS.blocksPerView - 1), context(LEFT_OUT_NOTE)];
}

function fitBlock(block: Block): Block {
  const L = SLACK_LIMITS;
  const fitText = (t: MrkdwnText, max: number): MrkdwnText =>
    mrkdwn(truncateText(t.text, max) || ELLIPSIS);
  switch (block.type) {
    case "section":
      if (!block.text && !block.fields?.length) return { type: "section", text: mrkdwn(ELLIPSIS) };
      return {
        type: "section",
        ...(block.text ? { text: fitText(block.text, L.sectionText) } : {}),
        ...(block.fields?.length
          ? {
              fields: block.fields.slice(0, L.fieldsPerSection).map((f) => fitText(f, L.fieldText)),
            }
          : {}),
      };
    case "context":
      return {
        type: "context",
        elements: block.elements.slice(0, L.contextElements).map((e) => fitText(e, L.contextText)),
      };
    case "header":
      return {
        ...block,
        text: { ...block.text, text: truncateText(block.text.text, L.headerText) },
      };
    case "actions":
      return {
        type: "actions",
        elements: block.elements.slice(0, L.actionsElements).map(fitButton),
      };
    case "divider":
      return block;
  }
}

function fitButton(b: ButtonElement): ButtonElement {
  return {
    ...b,
    text: { ...b.text, text: truncateText(b.text.text, SLACK_LIMITS.buttonText) },
    // Renderers keep values short (see encodeButtonValue); this is only the last line of defence.
    value: b.value.slice(0, SLACK_LIMITS.buttonValue),
  };
}

function sum(ns: readonly number[]): number {
  return ns.reduce((a, b) => a + b, 0);
}
