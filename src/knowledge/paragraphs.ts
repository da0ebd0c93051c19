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
 * Paragraphs of `lines` from index `from`: runs of lines separated by blank lines (or by lines
 * `isBreak` rejects, such as markdown headings), each joined by single spaces.
 */
export function splitParagraphs(
  lines: readonly string[],
  from: number,
  isBreak: (line: string) => boolean = () => false,
): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let parts: string[] = [];
  let start = 0;
  const flush = () => {
    if (parts.length > 0) paragraphs.push({ text: parts.join(" "), line: start + 1 });
    parts = [];
  };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isBlank(line) || isBreak(line)) {
      flush();
      continue;
    }
    if (parts.length === 0) start = i;
    parts.push(line.trim());
  }
  flush();
  return paragraphs;
}
