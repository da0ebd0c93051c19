import type { Nodes, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Paragraph } from "./paragraphs.ts";

/** The body of a markdown article read as plain text. */
export interface MarkdownBody {
  /** The text of a level-1 heading that opens the body: the title when front matter has none. */
  heading?: string;
  /** Passages as plain text, each with the 1-based file line where it starts. */
  paragraphs: Paragraph[];
}

/**
 * Reads the markdown in `lines` from index `from` (after the front matter) into plain-text
 * passages: each paragraph, list, block quote or code block is one, and a block that follows
 * another without a blank line (a list under its "The deal covers:") joins its passage, as
 * lines do in a `.txt` article. Headings and thematic breaks end a passage and are none.
 * Emphasis, code spans and link syntax are dropped for their text; images and HTML tags go,
 * and so do scripts and styles, and the Markdown inside an HTML block is read the same way.
 * The blocks of a passage and the items of a list are separate lines, and a line break ends a
 * sentence (src/knowledge/sentences.ts), so snippets never run two items together.
 */
export function readMarkdownBody(lines: readonly string[], from: number): MarkdownBody {
  const root = fromMarkdown(lines.slice(from).join("\n"));
  const paragraphs: Paragraph[] = [];
  // The passage that a block starting on the line after `openUntil` would join.
  let open: Paragraph | undefined;
  let openUntil = -1;
  let heading: string | undefined;
  root.children.forEach((block, i) => {
    if (i === 0 && block.type === "heading" && block.depth === 1) heading = inlineText(block);
    const text = block.type === "heading" ? "" : blockText(block);
    const startLine = (block.position?.start.line ?? 1) + from;
    const endLine = (block.position?.end.line ?? 1) + from;
    if (text === "") {
      open = undefined;
      return;
    }
    if (open !== undefined && startLine === openUntil + 1) open.text += `\n${text}`;
    else {
      open = { text, line: startLine };
      paragraphs.push(open);
    }
    openUntil = endLine;
  });
  return heading === undefined || heading === "" ? { paragraphs } : { heading, paragraphs };
}

/** A block as plain text: its paragraphs, list items and code lines on separate lines. */
function blockText(node: RootContent): string {
  switch (node.type) {
    case "paragraph":
    case "heading":
      return inlineText(node);
    case "code":
      return node.value.trimEnd();
    case "html":
      return htmlText(node.value);
    case "list":
    case "listItem":
    case "blockquote":
      return node.children
        .map(blockText)
        .filter((line) => line !== "")
        .join("\n");
    default:
      // Thematic breaks, link definitions and front matter nodes carry no passage text.
      return "";
  }
}

/** Inline content as plain text, its soft line breaks joined by a space like `.txt` lines. */
function inlineText(node: Nodes): string {
  return phrasing(node)
    .replace(/[ \t]*\n[ \t]*/g, " ")
    .trim();
}

function phrasing(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
      return node.value;
    case "html":
      // Inline HTML is one tag at a time; its text is in the text nodes around it.
      return /^<br\s*\/?>$/i.test(node.value) ? " " : "";
    // A hard break is as often a stray pair of trailing spaces as a wanted line: read as a space.
    case "break":
      return " ";
    case "image":
    case "imageReference":
      return "";
    default:
      return "children" in node ? node.children.map(phrasing).join("") : "";
  }
}

/**
 * The text of an HTML block. CommonMark keeps everything up to the block's blank line as raw
 * HTML, Markdown included (`<div>` then `*bold*`, a `[link](javascript:…)`, an image's URL), so
 * once comments, scripts, styles and tags are gone the rest is read as Markdown like any other
 * passage: link text kept, targets, images and emphasis marks dropped, entities decoded.
 */
function htmlText(html: string): string {
  const markdown = stripTags(html)
    .split("\n")
    // Indentation and gaps left by the tags are layout, not a code block or a hard break.
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n");
  return fromMarkdown(markdown)
    .children.map((block) => (block.type === "html" ? "" : blockText(block)))
    .filter((line) => line !== "")
    .join("\n");
}

/**
 * `html` without comments, `<script>`/`<style>` and their content, and tags, an unclosed one at
 * the end included: what is left can start no HTML block or tag of its own.
 */
function stripTags(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(-->|$)/g, " ")
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, " ")
    .replace(/<!\[CDATA\[[\s\S]*?(\]\]>|$)/g, " ")
    .replace(/<\?[\s\S]*?(\?>|$)/g, " ")
    .replace(/<!?\/?[A-Za-z][^>]*(>|$)/g, " ");
}
