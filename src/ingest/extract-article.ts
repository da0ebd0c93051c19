import { Readability } from "@mozilla/readability";
import { collectParagraphs, isListOfStories, type ParagraphLimits } from "./article-paragraphs.ts";
import { removeFurniture } from "./clean-page.ts";
import { type DomDocument, type DomElement, parsePage, selectAll } from "./dom.ts";
import { normaliseArticleUrl } from "./normalise-url.ts";
import { readPageMetadata } from "./page-metadata.ts";
import { textWords, toPlainText } from "./plain-text.ts";
import { cutAtDepth, stripNonContent } from "./strip-html.ts";

/** An article read from a web page: plain text only. */
export interface ExtractedArticle {
  title: string;
  /** The site's name, else its host. */
  publisher: string;
  author?: string;
  /** YYYY-MM-DD. */
  published?: string;
  /** Normalised (normalise-url.ts): the address to cite and to de-duplicate by. */
  canonicalUrl: string;
  paragraphs: string[];
}

export type ExtractionResult =
  | { ok: true; article: ExtractedArticle }
  | { ok: false; reason: string };

export interface ExtractionLimits extends ParagraphLimits {
  /** Characters of HTML parsed at most, after scripts and styles are cut: the rest is not read. */
  maxHtmlChars: number;
  /** Elements left for Readability at most, after the furniture is removed: the rest is cut. */
  maxElements: number;
  /** Elements nested deeper than this are cut: parse and Readability time grow with depth squared. */
  maxDepth: number;
}

/** Bounds the work a hostile page can cause: a 5 MB page costs seconds at most, not minutes. */
export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  maxHtmlChars: 1_000_000,
  maxElements: 5_000,
  maxDepth: 64,
  maxParagraphs: 400,
  maxParagraphChars: 20_000,
};
/** Fewer words than this is a teaser or a stub, not an article to answer from. */
const MIN_ARTICLE_WORDS = 50;

export const NO_ARTICLE = "That page has no article text";
export const NOT_A_WEB_ADDRESS = "That is not a web address";

/**
 * Extracts the article from a page fetched from `pageUrl` (the address after redirects):
 * furniture removed by general signals (clean-page.ts), the body found by Readability, its
 * paragraphs cleaned (article-paragraphs.ts), metadata from JSON-LD and meta tags
 * (page-metadata.ts). Pure and synchronous: the caller decides where it runs.
 */
export function extractArticle(
  html: string,
  pageUrl: string,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): ExtractionResult {
  if (normaliseArticleUrl(pageUrl) === undefined) return { ok: false, reason: NOT_A_WEB_ADDRESS };
  const text = stripNonContent(html).slice(0, limits.maxHtmlChars);
  // Broken HTML leaves tags unclosed that the parser closes itself: the string cut is looser.
  const document = parsePage(cutAtDepth(text, 4 * limits.maxDepth));
  const metadata = readPageMetadata(document, pageUrl);
  removeFurniture(document);
  boundElements(document, limits);
  const found = findArticleBody(document);
  if (found === undefined) return { ok: false, reason: NO_ARTICLE };
  const pageTitle = metadata.title ?? trimSiteName(found.title ?? "");
  const paragraphs = collectParagraphs(found.content, limits, pageTitle);
  const words = paragraphs.reduce((sum, p) => sum + textWords(p).length, 0);
  if (words < MIN_ARTICLE_WORDS || isListOfStories(found.content, paragraphs)) {
    return { ok: false, reason: NO_ARTICLE };
  }
  const title = pageTitle === "" ? firstWords(paragraphs[0] ?? "") : pageTitle;
  const { author, published, publisher, canonicalUrl } = metadata;
  return {
    ok: true,
    article: {
      title,
      publisher,
      ...(author === undefined ? {} : { author }),
      ...(published === undefined ? {} : { published }),
      canonicalUrl,
      paragraphs,
    },
  };
}

/**
 * Cuts the body after its first `maxElements` elements (in document order, so no kept element
 * loses an ancestor) and below `maxDepth`: Readability's time grows faster than the page, and
 * an article starts early and sits a few dozen levels deep at most.
 */
function boundElements(document: DomDocument, limits: ExtractionLimits): void {
  if (document.body === null) return;
  const depths = new Map<DomElement, number>([[document.body, 0]]);
  const elements = selectAll(document.body, "*");
  elements.forEach((element, i) => {
    const parent = element.parentElement;
    const depth = (parent === null ? 0 : (depths.get(parent) ?? 0)) + 1;
    depths.set(element, depth);
    if (i >= limits.maxElements || depth === limits.maxDepth + 1) element.remove();
  });
}

/** A site's name after its title, which Readability leaves when the separator is `::` or `·`. */
function trimSiteName(title: string): string {
  return title.replace(/\s+(?:::|·|\|)\s+\S+(?:\s+\S+){0,3}$/, "");
}

/** A title for a page that gives none: the start of its first paragraph. */
function firstWords(text: string): string {
  const words = text.split(" ");
  return words.length <= 12 ? text : `${words.slice(0, 12).join(" ")} …`;
}

/** Readability's choice of the article element and its title; undefined when it finds none. */
export function findArticleBody(
  document: DomDocument,
): { content: DomElement; title?: string } | undefined {
  let parsed: ReturnType<Readability<DomElement>["parse"]>;
  try {
    const reader = new Readability<DomElement>(document as never, {
      serializer: (node) => node as unknown as DomElement,
      disableJSONLD: true,
    });
    parsed = reader.parse();
  } catch {
    // Readability throws on documents it cannot walk; for the user that page has no article.
    return undefined;
  }
  if (!parsed?.content) return undefined;
  const title = toPlainText(parsed.title ?? "");
  return title === "" ? { content: parsed.content } : { content: parsed.content, title };
}
