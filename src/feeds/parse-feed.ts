import { type AnyFeed, DetectError, parseFeed as parseAnyFeed } from "feedsmith";
import { normaliseWhitespace } from "../text/normalise.ts";
import { cutAtWord, htmlToLine, htmlToParagraphs, textToParagraphs } from "./html-text.ts";
import {
  DEFAULT_FULL_ARTICLE,
  type FeedLimits,
  type FullArticleThreshold,
  resolveFeedLimits,
} from "./limits.ts";
import { type RawItem, type RawText, readFormat } from "./read-formats.ts";
import type { FeedItem, ParsedFeed, ParseFeedResult } from "./types.ts";

export interface ParseFeedOptions {
  /** The feed's own address (after redirects): relative links are resolved against it. */
  baseUrl?: string;
  limits?: Partial<FeedLimits>;
  fullArticle?: FullArticleThreshold;
}

/**
 * Reads an RSS 2.0, Atom, RDF or JSON Feed document into plain-text items. Never throws: a
 * document that is too large, malformed or not a feed gives `ok: false` with a sentence.
 *
 * feedsmith parses with entity processing off (its `processEntities: false`), so a DTD's
 * entities, a billion-laughs bomb's included, stay unexpanded text; only the standard XML and
 * HTML character references are decoded.
 */
export function parseFeedText(text: string, options: ParseFeedOptions = {}): ParseFeedResult {
  const limits = resolveFeedLimits(options.limits);
  if (text.length > limits.maxFeedChars) {
    return {
      ok: false,
      failure: "too-large",
      message: "The feed is larger than the bot reads.",
      detail: `${text.length} characters, more than ${limits.maxFeedChars}`,
    };
  }
  let parsed: AnyFeed;
  try {
    parsed = parseAnyFeed<string>(text, { maxItems: limits.maxItemsRead });
  } catch (error) {
    return describeParseError(error);
  }
  const raw = readFormat(parsed);
  const siteUrl = absoluteUrl(raw.siteUrl, options.baseUrl);
  const base = options.baseUrl ?? siteUrl;
  const feed: ParsedFeed = {
    format: parsed.format,
    title: raw.title === undefined ? undefined : toLine(raw.title, limits.maxLineChars),
    siteUrl,
    items: raw.items
      .slice(0, limits.maxItemsRead)
      .map((item) => cleanItem(item, base, limits, options.fullArticle ?? DEFAULT_FULL_ARTICLE)),
  };
  return { ok: true, feed: withoutEmpty(feed) };
}

function describeParseError(error: unknown): ParseFeedResult {
  const detail = error instanceof Error ? describeCause(error) : String(error);
  if (error instanceof DetectError) {
    return {
      ok: false,
      failure: "not-a-feed",
      message: "The address did not return an RSS, Atom or JSON feed.",
      detail,
    };
  }
  return { ok: false, failure: "malformed", message: "The feed is not well-formed.", detail };
}

function describeCause(error: Error): string {
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

function cleanItem(
  raw: RawItem,
  base: string | undefined,
  limits: FeedLimits,
  fullArticle: FullArticleThreshold,
): FeedItem {
  const item: FeedItem = {
    guid: toPlainLine(raw.guid, limits.maxLineChars),
    link: absoluteUrl(raw.link, base),
    title: raw.title === undefined ? undefined : toLine(raw.title, limits.maxLineChars),
    published: toIsoDate(raw.published),
    content: fullContent(raw.bodies, limits, fullArticle),
    author: raw.author === undefined ? undefined : htmlToLine(raw.author, limits.maxLineChars),
  };
  return withoutEmpty(item);
}

/** The first body that reads as a whole article; none when the feed carries only summaries. */
function fullContent(
  bodies: readonly RawText[],
  limits: FeedLimits,
  threshold: FullArticleThreshold,
): string[] | undefined {
  for (const body of bodies) {
    // Markup and entities only shrink as text: a body shorter than the threshold is a summary.
    if (body.value.length < threshold.minChars) continue;
    const paragraphs = toParagraphs(body, limits);
    const chars = paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
    if (paragraphs.length >= threshold.minParagraphs && chars >= threshold.minChars) {
      return paragraphs;
    }
  }
  return undefined;
}

function toParagraphs(body: RawText, limits: FeedLimits): string[] {
  const value = body.value.slice(0, limits.maxContentHtmlChars);
  return body.kind === "html"
    ? htmlToParagraphs(value, limits.maxContentChars)
    : textToParagraphs(value, limits.maxContentChars);
}

function toLine(text: RawText, maxChars: number): string {
  const value = text.value.slice(0, maxChars * 20);
  return text.kind === "html"
    ? htmlToLine(value, maxChars)
    : cutAtWord(normaliseWhitespace(value), maxChars);
}

function toPlainLine(value: string | undefined, maxChars: number): string | undefined {
  return value === undefined ? undefined : normaliseWhitespace(value).slice(0, maxChars);
}

/** An absolute http(s) URL, or nothing: `javascript:` and other schemes never become links. */
function absoluteUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "" || trimmed.length > 2_000) return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 822 (RSS) and RFC 3339 (Atom, JSON Feed) dates both parse with `Date`. */
function toIsoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Drops `undefined` and empty-string fields, so records compare and serialise cleanly. */
function withoutEmpty<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== ""),
  ) as T;
}
