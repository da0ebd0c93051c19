/** A paragraph of an article file: its text and the 1-based line where it starts. */
export interface Paragraph {
  text: string;
  line: number;
}

/** Splits a text into lines once, accepting `\n` and `\r\n` and dropping a leading BOM. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split(/\r?\n/);
}

export function isBlank(line: string): boolean {
  return line.trim() === "";
}

/**
 * Paragraphs of `lines` from index `from`: runs of lines separated by blank lines, each joined by
 * single spaces. (Markdown articles are read by src/knowledge/markdown.ts instead.)
 */
export function splitParagraphs(lines: readonly string[], from: number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let parts: string[] = [];
  let start = 0;
  const flush = () => {
    if (parts.length > 0) paragraphs.push({ text: parts.join(" "), line: start + 1 });
    parts = [];
  };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isBlank(line)) {
      flush();
      continue;
    }
    if (parts.length === 0) start = i;
    parts.push(line.trim());
  }
  flush();
  return paragraphs;
}
