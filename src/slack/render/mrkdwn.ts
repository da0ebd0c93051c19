/**
 * Text in and out of Slack's mrkdwn. Slack sends user text with `&`, `<`, `>` escaped and with
 * mentions, broadcasts and links as `<…>` tokens; we read it once into plain text, and escape
 * all plain text (user's and corpus') once on the way out, so nothing typed can ever ping.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const UNESCAPES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/** Escapes `&`, `<` and `>` so that text shows literally in mrkdwn and never forms a token. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Reads Slack's escaped message text into the plain text the user typed: `<@U1|ali>` → `@ali`,
 * `<!here>` → `@here`, `<#C1|general>` → `#general`, `<https://x|label>` → `label`, and
 * `&amp;`, `&lt;`, `&gt;` → `&`, `<`, `>` (once: `&amp;lt;` reads as `&lt;`).
 */
export function readSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, token: string) => readToken(token))
    .replace(/&(?:amp|lt|gt);/g, (entity) => UNESCAPES[entity] ?? entity);
}

function readToken(token: string): string {
  const bar = token.indexOf("|");
  const target = bar === -1 ? token : token.slice(0, bar);
  const label = bar === -1 ? undefined : token.slice(bar + 1);
  if (target.startsWith("@")) return `@${label ?? target.slice(1)}`;
  if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
  if (target.startsWith("!subteam^")) return label ?? "@group";
  if (target.startsWith("!date^")) return label ?? "";
  if (target.startsWith("!")) return `@${target.slice(1)}`;
  return label ?? target;
}

/** A mrkdwn link whose label is escaped; the url is kept only when it is a plain http(s) url. */
export function linkMrkdwn(url: string | undefined, label: string): string {
  if (url === undefined || !/^https?:\/\/[^\s<>|]+$/.test(url)) return escapeMrkdwn(label);
  return `<${url.replace(/&/g, "&amp;")}|${escapeMrkdwn(label)}>`;
}

/** Prefixes every line with `>` so that escaped text shows as one block quote. */
export function quoteMrkdwn(escaped: string): string {
  if (!escaped.includes("\n")) return `>${escaped}`;
  return escaped
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Escapes `text` and wraps the marked [start, end) ranges in `*bold*`. Marks are widened to whole
 * words and trimmed of spaces first, because Slack only closes bold at a word boundary
 * (`*pipe*line` shows the stars); marks that overlap, touch or are only spaces apart merge.
 */
export function boldMarks(text: string, marks: readonly (readonly [number, number])[]): string {
  const ranges = wordRanges(text, marks);
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    out += `${escapeMrkdwn(text.slice(at, start))}*${escapeMrkdwn(text.slice(start, end))}*`;
    at = end;
  }
  return out + escapeMrkdwn(text.slice(at));
}

function wordRanges(
  text: string,
  marks: readonly (readonly [number, number])[],
): [number, number][] {
  const widened: [number, number][] = [];
  for (const [rawStart, rawEnd] of [...marks].sort((a, b) => a[0] - b[0])) {
    let start = Math.max(0, Math.min(rawStart, text.length));
    let end = Math.max(start, Math.min(rawEnd, text.length));
    if (start === end) continue;
    while (start > 0 && WORD_CHAR.test(text[start - 1] ?? "")) start--;
    while (end < text.length && WORD_CHAR.test(text[end] ?? "")) end++;
    while (start < end && /\s/.test(text[start] ?? "")) start++;
    while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
    if (start === end) continue;
    const last = widened.at(-1);
    // Marks that touch or are only spaces apart merge: `*a**b*` would not render as bold. Not
    // across a line break: bold stops at the end of a line (a Markdown list item's), so a
    // mark spanning two lines would show its stars.
    if (last && (start <= last[1] || /^[^\S\n]+$/.test(text.slice(last[1], start)))) {
      last[1] = Math.max(last[1], end);
    } else widened.push([start, end]);
  }
  return widened;
}
