import { type DomElement, selectAll } from "./dom.ts";
import { toPlainText } from "./plain-text.ts";

/** Blocks whose text is a paragraph of the article when it holds no such block itself. */
const BLOCKS = "p, li, blockquote, pre, dd";
const BLOCK_TAG = /^(p|li|blockquote|pre|dd)$/i;
/** A block mostly made of links is a list of other pages ("Read more: …"), not text. */
const MAX_LINK_DENSITY = 0.5;
/** Lines that boilerplate starts with; only short lines are tested, so prose is never hit. */
const BOILERPLATE_LINE = new RegExp(
  "^(?:" +
    [
      "read (?:more|also|next)\\b",
      "also read\\b",
      "(?:related|see also|recommended|more on this|more from)\\b.{0,3}[:|]?",
      "advertisement\\b",
      "(?:sponsored|promoted)\\b",
      "share (?:this|on|via)\\b",
      "follow (?:us|@)",
      "(?:sign up|subscribe)\\b",
      "click here\\b",
      "(?:photo|image|picture|file photo|video)s?\\s*(?::|\\||by\\b|credit)",
      "©|copyright\\b|all rights reserved",
      "(?:\\(?\\s*)?(?:reporting|editing|writing|additional reporting) by\\b",
      "(?:updated|published|posted|last updated)\\s*(?:on|at|in)?\\s*[:\\d]",
      "published in\\b",
    ].join("|") +
    ")",
  "i",
);
const BOILERPLATE_MAX_WORDS = 30;
/** "By Sana Mir | Quetta": a byline, not a sentence. */
const BYLINE = /^by\s+\p{Lu}/u;
const BYLINE_MAX_WORDS = 10;
/** "Business Desk | January 9, 2024": a short line naming a date, without a sentence. */
const META_LINE_MAX_WORDS = 12;
const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const DAY = "\\d{1,2}(?:st|nd|rd|th)?";
const YEAR = "(?:19|20)\\d\\d";
const DATE_IN_LINE = new RegExp(
  `\\b(?:${YEAR}-\\d\\d-\\d\\d|${MONTH}\\s+${DAY},?\\s+${YEAR}|${DAY}\\s+${MONTH},?\\s+${YEAR})\\b`,
  "i",
);
/** A line this short with no sentence ending is a label ("Share", "12 comments"), not text. */
const LABEL_MAX_WORDS = 4;
const SENTENCE_END = /[.!?…:;"'”’)\]]$/;

export interface ParagraphLimits {
  /** Paragraphs kept at most; the rest of a longer article is dropped. */
  maxParagraphs: number;
  /** Characters of one paragraph kept at most. */
  maxParagraphChars: number;
}

/**
 * The article's paragraphs from the element Readability chose: its leaf blocks as plain text,
 * without what Readability keeps of the furniture (link lists, "Read more" and credit lines,
 * bylines, dates, labels) and without repeats (pull quotes, the headline again).
 */
export function collectParagraphs(
  content: DomElement,
  limits: ParagraphLimits,
  title = "",
): string[] {
  const paragraphs: string[] = [];
  // The headline, when the page repeats it in the body as a block of its own.
  const seen = new Set<string>(title === "" ? [] : [title]);
  for (const block of selectAll(content, BLOCKS)) {
    if (paragraphs.length >= limits.maxParagraphs) break;
    if (hasBlockInside(block)) continue;
    const text = toPlainText(block.textContent ?? "").slice(0, limits.maxParagraphChars);
    if (text === "" || seen.has(text) || isFurnitureLine(text) || isMostlyLinks(block, text)) {
      continue;
    }
    seen.add(text);
    paragraphs.push(text);
  }
  return paragraphs;
}

function hasBlockInside(block: DomElement): boolean {
  return selectAll(block, BLOCKS).some((inner) => BLOCK_TAG.test(inner.tagName));
}

/** Whether a line is boilerplate, a byline or a label rather than article text. */
export function isFurnitureLine(text: string): boolean {
  const words = text.split(" ").length;
  if (words <= BOILERPLATE_MAX_WORDS && BOILERPLATE_LINE.test(text)) return true;
  const sentence = /[.!?]$/.test(text);
  if (words <= BYLINE_MAX_WORDS && BYLINE.test(text) && !sentence) return true;
  if (words <= META_LINE_MAX_WORDS && DATE_IN_LINE.test(text) && !sentence) return true;
  return words <= LABEL_MAX_WORDS && !SENTENCE_END.test(text);
}

function isMostlyLinks(block: DomElement, text: string): boolean {
  let linked = 0;
  for (const link of selectAll(block, "a")) linked += toPlainText(link.textContent ?? "").length;
  return linked > MAX_LINK_DENSITY * text.length;
}

/**
 * Whether the content is a list of other articles (a section front, a tag page, search
 * results): several headings that are links, against few paragraphs.
 */
export function isListOfStories(content: DomElement, paragraphs: readonly string[]): boolean {
  const linkedHeadings = selectAll(content, "h1, h2, h3, h4").filter((heading) => {
    const text = toPlainText(heading.textContent ?? "");
    return text !== "" && isMostlyLinks(heading, text);
  }).length;
  return linkedHeadings >= 3 && linkedHeadings * 2 >= paragraphs.length;
}
