import { type DomDocument, selectAll } from "./dom.ts";
import { normaliseArticleUrl } from "./normalise-url.ts";
import { toPlainText } from "./plain-text.ts";

/** What a page says about its article, beside the text. */
export interface PageMetadata {
  title?: string;
  publisher: string;
  author?: string;
  /** YYYY-MM-DD. */
  published?: string;
  /** The normalised canonical address (see normalise-url.ts). */
  canonicalUrl: string;
}

const ARTICLE_TYPES = new Set([
  "Article",
  "NewsArticle",
  "ReportageNewsArticle",
  "AnalysisNewsArticle",
  "OpinionNewsArticle",
  "BackgroundNewsArticle",
  "BlogPosting",
  "Report",
]);
/** Caps what one page's JSON-LD may cost: a hostile page can hold megabytes of it. */
const MAX_JSON_LD_CHARS = 200_000;
const MAX_JSON_LD_ITEMS = 200;

type JsonObject = Record<string, unknown>;

/**
 * Reads the metadata from JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, inside `@graph`
 * too), then `og:`/`article:` meta, microdata, `<time datetime>`, `<link rel=canonical>` and `og:url`.
 * `pageUrl` is the address after redirects: relative links resolve against it, and its host is
 * the publisher when the page names none. A canonical address on another site is ignored, so a
 * page cannot claim to be another publisher's article.
 */
export function readPageMetadata(document: DomDocument, pageUrl: string): PageMetadata {
  const ld = findJsonLdArticle(document);
  const metas = readMetaTags(document);
  const meta = (key: string) => metas.get(key.toLowerCase());
  const microdata = (property: string) =>
    document.querySelector(`[itemprop="${property}"]:not(meta)`)?.textContent;
  const title = firstText(
    ld?.headline,
    ld?.name,
    meta("og:title"),
    meta("twitter:title"),
    microdata("headline"),
  );
  const author = firstText(
    ldName(ld?.author),
    meta("author"),
    textual(meta("article:author")),
    microdata("author"),
  );
  const published = firstDate(
    ld?.datePublished,
    meta("article:published_time"),
    meta("og:published_time"),
    meta("datePublished"),
    meta("pubdate"),
    meta("date"),
    document.querySelector("time[datetime]")?.getAttribute("datetime"),
  );
  const canonicalUrl = pickCanonical(pageUrl, [
    document.querySelector('link[rel~="canonical"]')?.getAttribute("href"),
    meta("og:url"),
    typeof ld?.url === "string" ? ld.url : undefined,
  ]);
  const publisher =
    firstText(ldName(ld?.publisher), meta("og:site_name"), meta("application-name")) ??
    hostName(canonicalUrl);
  return {
    ...(title === undefined ? {} : { title }),
    publisher,
    ...(author === undefined ? {} : { author }),
    ...(published === undefined ? {} : { published }),
    canonicalUrl,
  };
}

/** The first JSON-LD item of an article type, looking through arrays and `@graph`. */
function findJsonLdArticle(document: DomDocument): JsonObject | undefined {
  for (const script of selectAll(document, 'script[type="application/ld+json"]')) {
    const text = script.textContent ?? "";
    if (text.length > MAX_JSON_LD_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const found = jsonLdItems(data).find((item) => typesOf(item).some((t) => ARTICLE_TYPES.has(t)));
    if (found !== undefined) return found;
  }
  return undefined;
}

function jsonLdItems(data: unknown): JsonObject[] {
  const items: JsonObject[] = [];
  const queue: unknown[] = [data];
  while (queue.length > 0 && items.length < MAX_JSON_LD_ITEMS) {
    const next = queue.shift();
    if (Array.isArray(next)) queue.push(...next);
    else if (isObject(next)) {
      items.push(next);
      if (Array.isArray(next["@graph"])) queue.push(...next["@graph"]);
    }
  }
  return items;
}

function typesOf(item: JsonObject): string[] {
  const type = item["@type"];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON-LD person or organisation (or a list of them) as a name. */
function ldName(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const names = value.map(ldName).filter((n): n is string => n !== undefined);
    return names.length === 0 ? undefined : names.join(", ");
  }
  return isObject(value) && typeof value.name === "string" ? value.name : undefined;
}

/** Every `<meta>` by its property, name or itemprop (lower-cased), the first of each: one pass. */
function readMetaTags(document: DomDocument): Map<string, string> {
  const metas = new Map<string, string>();
  for (const element of selectAll(document, "meta[content]")) {
    const content = element.getAttribute("content");
    if (!content) continue;
    for (const attribute of ["property", "name", "itemprop"]) {
      const key = element.getAttribute(attribute)?.toLowerCase();
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  return metas;
}

/** `article:author` is often a profile URL, which is no name. */
function textual(value: string | undefined): string | undefined {
  return value === undefined || /^https?:\/\//i.test(value) ? undefined : value;
}

function firstText(...values: unknown[]): string | undefined {
  for (const value of values) {
    if (typeof value !== "string") continue;
    const text = toPlainText(value);
    if (text !== "") return text;
  }
  return undefined;
}

/**
 * The first value that reads as a date, as YYYY-MM-DD. A date written at its start is taken as
 * written: converting `2024-01-30T01:00+05:00` to UTC would move it to the day before.
 */
function firstDate(...values: unknown[]): string | undefined {
  for (const value of values) {
    if (typeof value !== "string") continue;
    const written = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
    const time = Date.parse(written ?? value);
    if (Number.isNaN(time)) continue;
    const day = new Date(time).toISOString().slice(0, 10);
    const year = Number(day.slice(0, 4));
    if (year >= 1900 && year <= 2200) return written ?? day;
  }
  return undefined;
}

/** The first candidate on the page's own site, resolved and normalised; else the page's URL. */
function pickCanonical(
  pageUrl: string,
  candidates: readonly (string | null | undefined)[],
): string {
  const page = normaliseArticleUrl(pageUrl) ?? pageUrl;
  for (const candidate of candidates) {
    if (!candidate) continue;
    let resolved: string | undefined;
    try {
      resolved = normaliseArticleUrl(new URL(candidate.trim(), pageUrl).href);
    } catch {
      continue;
    }
    if (resolved !== undefined && sameSite(resolved, page)) return resolved;
  }
  return page;
}

/**
 * Whether two addresses are on one site: the same last two host labels, or three under a
 * country's second level (`dawn.com` and `amp.dawn.com`; `x.com.pk`, not `y.com.pk`).
 */
export function sameSite(a: string, b: string): boolean {
  const siteA = siteOf(new URL(a).hostname);
  return siteA !== "" && siteA === siteOf(new URL(b).hostname);
}

function siteOf(host: string): string {
  const labels = host.toLowerCase().split(".");
  const secondLevel = labels.length > 2 && /^[a-z]{2}$/.test(labels.at(-1) ?? "");
  const short = secondLevel && (labels.at(-2)?.length ?? 0) <= 3;
  return labels.slice(short ? -3 : -2).join(".");
}

/** The host as a publisher name when the page gives none: `www.` and `amp.` dropped. */
function hostName(url: string): string {
  try {
    return new URL(url).hostname.replace(/^(www|amp|m)\./i, "");
  } catch {
    return url;
  }
}
