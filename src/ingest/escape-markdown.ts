/**
 * Characters that CommonMark may read as syntax anywhere in a line: emphasis, code spans, links
 * and images, HTML and autolinks, and backslash escapes themselves.
 */
const INLINE_SYNTAX = /[\\`*_[\]<]/g;
/** `&amp;`, `&#39;`: an entity would be read as the character it names. */
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;
/** What opens a block at the start of a line: heading, quote, list, rule, fence, HTML. */
const BLOCK_START = /^(?:[#>+=~-]|\d{1,9}(?=[.)]))/;

/**
 * One line of plain text as a Markdown paragraph that reads back as exactly that text
 * (src/knowledge/markdown.ts): every character that CommonMark could take for syntax is
 * backslash-escaped, and nothing else, so the file stays readable. The text is one line with
 * single spaces, as extraction stores it (plain-text.ts).
 */
export function escapeMarkdown(text: string): string {
  const inline = text.replace(INLINE_SYNTAX, "\\$&").replace(ENTITY, "\\&");
  // `1.` is escaped after its number, `#` before itself.
  return inline.replace(BLOCK_START, (start) => (/^\d/.test(start) ? `${start}\\` : `\\${start}`));
}
