/**
 * Parts of a page that hold no article text, cut from the HTML before it is parsed: on news
 * pages they are most of the bytes, and parsing and Readability cost grows with every element.
 * JSON-LD scripts stay: they carry the metadata. Each pattern ends at the end of the text when
 * its closing tag is missing, so one pass is linear however the page is broken.
 */
const NON_CONTENT = [
  /<!--[\s\S]*?(?:-->|$)/g,
  /<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?(?:<\/script\s*>|$)/gi,
  /<(style|svg|noscript|template|iframe|object)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi,
];

export function stripNonContent(html: string): string {
  return NON_CONTENT.reduce((text, pattern) => text.replace(pattern, " "), html);
}

/** Elements that close themselves or are closed by the next of their kind: no nesting. */
const NOT_NESTING =
  /^(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr|p|li|dt|dd|option|tr|td|th)$/i;
const TAG = /<(\/?)([a-z][a-z0-9-]*)\b[^>]*?(\/?)>/gi;

/**
 * The HTML up to where its elements nest deeper than `maxDepth`: the parser's time grows with
 * depth squared, so a page of a million nested `<div>`s is cut before it is parsed.
 */
export function cutAtDepth(html: string, maxDepth: number): string {
  let depth = 0;
  for (const match of html.matchAll(TAG)) {
    const [, closing, name = "", selfClosing] = match;
    if (selfClosing || NOT_NESTING.test(name)) continue;
    depth += closing ? -1 : 1;
    if (depth < 0) depth = 0;
    if (depth > maxDepth) return html.slice(0, match.index);
  }
  return html;
}
