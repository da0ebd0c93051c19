import { parseHTML } from "linkedom";

/**
 * Feed item HTML → plain paragraphs. Markup is parsed (linkedom), never pattern-matched, so
 * entities, comments and CDATA come out as a browser would read them; scripts, styles and
 * embedded objects are dropped unread. Each block element (and each `<br>`) ends a paragraph.
 *
 * Kept tiny on purpose: article extraction (`src/ingest/`) also brings linkedom, and the two
 * may share one HTML-to-text helper once both are merged.
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
  "form",
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

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** A marker pushed after an element's children: closing a block ends its paragraph. */
const END_BLOCK = Symbol("end block");

/**
 * The paragraphs of an HTML fragment, whitespace collapsed, empty ones dropped; at most
 * `maxChars` characters in all (the last paragraph is cut at a word when possible).
 */
export function htmlToParagraphs(html: string, maxChars: number): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const paragraphs: string[] = [];
  let total = 0;
  let current = "";
  const flush = (): boolean => {
    const text = collapseWhitespace(current);
    current = "";
    if (text === "") return true;
    const room = maxChars - total;
    paragraphs.push(text.length > room ? cutAtWord(text, room) : text);
    total += Math.min(text.length, room);
    return total < maxChars;
  };
  // An explicit stack, not recursion: nesting depth is the sender's choice.
  const stack: (DomNode | typeof END_BLOCK)[] = [document.body as unknown as DomNode];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === END_BLOCK) {
      if (!flush()) return paragraphs;
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      current += node.textContent ?? "";
      if (current.length > maxChars && !flush()) return paragraphs;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const name = node.nodeName.toLowerCase();
    if (SKIPPED.has(name)) continue;
    if (BLOCKS.has(name)) {
      if (!flush()) return paragraphs;
      stack.push(END_BLOCK);
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) {
      const child = node.childNodes[i];
      if (child !== undefined) stack.push(child);
    }
  }
  flush();
  return paragraphs;
}

/** One line of plain text from HTML (a title, an author), at most `maxChars` characters. */
export function htmlToLine(html: string, maxChars: number): string {
  return cutAtWord(collapseWhitespace(htmlToParagraphs(html, maxChars).join(" ")), maxChars);
}

/** Plain text (not HTML) as paragraphs: blank lines separate them. */
export function textToParagraphs(text: string, maxChars: number): string[] {
  const paragraphs: string[] = [];
  let total = 0;
  for (const block of text.split(/\n\s*\n/)) {
    const paragraph = collapseWhitespace(block);
    if (paragraph === "") continue;
    const room = maxChars - total;
    if (room <= 0) break;
    paragraphs.push(cutAtWord(paragraph, room));
    total += Math.min(paragraph.length, room);
  }
  return paragraphs;
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** `text` cut to at most `maxChars`, at the last space when there is one in the second half. */
export function cutAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(" ");
  return (space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd();
}
