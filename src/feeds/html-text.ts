import { Parser } from "htmlparser2";
import { normaliseWhitespace } from "../text/normalise.ts";

/**
 * Feed item HTML → plain paragraphs. Markup is tokenised by htmlparser2 (the parser under
 * linkedom), never pattern-matched, so entities, comments and CDATA come out as a browser
 * would read them; scripts, styles and embedded objects are dropped unread. Each block element
 * (and each `<br>`) ends a paragraph. Streaming, with no DOM: nesting depth costs nothing and a
 * feed's hundreds of items stay cheap.
 *
 * Kept tiny on purpose: article extraction (`src/ingest/`) reads HTML too, and the two may
 * share one HTML-to-text helper once both are merged.
 */

const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "canvas",
  "head",
  "button",
  "select",
  "textarea",
]);

const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "td",
  "th",
  "tr",
  "ul",
]);

/**
 * The paragraphs of an HTML fragment, whitespace collapsed, empty ones dropped; at most
 * `maxChars` characters in all (the last paragraph is cut at a word when possible).
 */
export function htmlToParagraphs(html: string, maxChars: number): string[] {
  if (!/[<&]/.test(html)) return textToParagraphs(html, maxChars);
  const paragraphs: string[] = [];
  let total = 0;
  let current = "";
  let skipDepth = 0;
  const flush = (): void => {
    const text = normaliseWhitespace(current);
    current = "";
    if (text === "" || total >= maxChars) return;
    const kept = cutAtWord(text, maxChars - total);
    paragraphs.push(kept);
    // A cut paragraph is the last: nothing after it may read as if it followed on.
    total = kept.length < text.length ? maxChars : total + kept.length;
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth++;
        else if (skipDepth === 0 && BLOCKS.has(name)) flush();
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (skipDepth === 0 && BLOCKS.has(name)) flush();
      },
      ontext(text) {
        if (skipDepth > 0 || total >= maxChars) return;
        current += text;
        // One paragraph can be no longer than what is left to keep.
        if (current.length > 2 * (maxChars - total) + 1_000) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return paragraphs;
}

/** One line of plain text from HTML (a title, an author), at most `maxChars` characters. */
export function htmlToLine(html: string, maxChars: number): string {
  return cutAtWord(normaliseWhitespace(htmlToParagraphs(html, maxChars).join(" ")), maxChars);
}

/** Plain text (not HTML) as paragraphs: blank lines separate them. */
export function textToParagraphs(text: string, maxChars: number): string[] {
  const paragraphs: string[] = [];
  let total = 0;
  for (const block of text.split(/\n\s*\n/)) {
    const paragraph = normaliseWhitespace(block);
    if (paragraph === "") continue;
    if (total >= maxChars) break;
    const kept = cutAtWord(paragraph, maxChars - total);
    paragraphs.push(kept);
    if (kept.length < paragraph.length) break;
    total += kept.length;
  }
  return paragraphs;
}

/** `text` cut to at most `maxChars`, at the last space when there is one in the second half. */
export function cutAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const last = text.charCodeAt(maxChars - 1);
  // Never half of a surrogate pair: a lone surrogate is not text.
  const cut = text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars);
  const space = cut.lastIndexOf(" ");
  return (space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd();
}
