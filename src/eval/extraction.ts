import { readdir } from "node:fs/promises";
import path from "node:path";
import { parsePage } from "../ingest/dom.ts";
import { extractArticle, findArticleBody } from "../ingest/extract-article.ts";
import { textWords } from "../ingest/plain-text.ts";
import { readText } from "./read-text.ts";

/** Fixture pages (`<name>.html`) beside their hand-marked bodies (`<name>.expected.txt`). */
export const DEFAULT_PAGES_DIR = "test/fixtures/pages";
const SHINGLE = 4;
/** A stored paragraph with less than this share of its shingles in the marked text is furniture. */
const ARTICLE_LINE_SHARE = 0.5;

/** Matched and total counts: precision is matched/stored, recall matched/expected. */
export interface Counts {
  matched: number;
  stored: number;
  expected: number;
}

export interface TextScore {
  words: Counts;
  shingles: Counts;
  /** Stored paragraphs that are not article text. */
  boilerplateLines: string[];
}

export interface PageScore {
  page: string;
  /** An empty marked body: the page has no article and should be refused. */
  noArticle: boolean;
  /** Undefined when extraction refused the page. */
  ours?: TextScore;
  /** Readability's text content on the page as it is (no cleaning), when it finds any. */
  readability?: TextScore;
}

/** Scores stored paragraphs against the marked ones: words and 4-word shingles as multisets. */
export function scoreText(stored: readonly string[], expected: readonly string[]): TextScore {
  const storedWords = stored.flatMap(textWords);
  const expectedWords = expected.flatMap(textWords);
  const expectedShingles = new Set(shinglesOf(expectedWords));
  const expectedText = ` ${expectedWords.join(" ")} `;
  const boilerplateLines = stored.filter((line) => {
    const words = textWords(line);
    if (expectedText.includes(` ${words.join(" ")} `)) return false;
    const shingles = shinglesOf(words);
    const inside = shingles.filter((s) => expectedShingles.has(s)).length;
    return shingles.length === 0 || inside < ARTICLE_LINE_SHARE * shingles.length;
  });
  return {
    words: countOverlap(storedWords, expectedWords),
    shingles: countOverlap(shinglesOf(storedWords), shinglesOf(expectedWords)),
    boilerplateLines,
  };
}

function shinglesOf(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + SHINGLE <= words.length; i++) out.push(words.slice(i, i + SHINGLE).join(" "));
  return out;
}

function countOverlap(stored: readonly string[], expected: readonly string[]): Counts {
  const left = new Map<string, number>();
  for (const item of expected) left.set(item, (left.get(item) ?? 0) + 1);
  let matched = 0;
  for (const item of stored) {
    const n = left.get(item) ?? 0;
    if (n > 0) {
      matched++;
      left.set(item, n - 1);
    }
  }
  return { matched, stored: stored.length, expected: expected.length };
}

/** Extracts every fixture page, ours and plain Readability's, and scores both. */
export async function runExtractionEval(dir = DEFAULT_PAGES_DIR): Promise<PageScore[]> {
  const pages = (await readdir(dir)).filter((name) => name.endsWith(".html")).sort();
  const scores: PageScore[] = [];
  for (const name of pages) {
    const page = name.slice(0, -".html".length);
    const html = await readText(path.join(dir, name));
    const expected = (await readText(path.join(dir, `${page}.expected.txt`)))
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== "");
    const ours = extractArticle(html, `https://pages.example/${name}`);
    const plain = findArticleBody(parsePage(html))?.content.textContent ?? undefined;
    scores.push({
      page,
      noArticle: expected.length === 0,
      ...(ours.ok ? { ours: scoreText(ours.article.paragraphs, expected) } : {}),
      ...(plain === undefined ? {} : { readability: scoreText([plain], expected) }),
    });
  }
  return scores;
}

/** The sum of every page's counts: precision and recall over all words of all pages. */
export function totalCounts(
  scores: readonly PageScore[],
  pick: (s: PageScore) => TextScore | undefined,
  measure: "words" | "shingles",
): Counts {
  const total = { matched: 0, stored: 0, expected: 0 };
  for (const score of scores) {
    const text = pick(score);
    if (text === undefined) continue;
    total.matched += text[measure].matched;
    total.stored += text[measure].stored;
    total.expected += text[measure].expected;
  }
  return total;
}

export function precision(c: Counts): number {
  return c.stored === 0 ? 1 : c.matched / c.stored;
}

export function recall(c: Counts): number {
  return c.expected === 0 ? 1 : c.matched / c.expected;
}

export function f1(c: Counts): number {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Markdown: one row a page and a total, ours beside plain Readability's. */
export function formatExtractionTable(scores: readonly PageScore[]): string {
  const cells = (text: TextScore | undefined, refused: string) =>
    text === undefined
      ? [refused, "", "", "", ""]
      : [
          precision(text.words).toFixed(3),
          recall(text.words).toFixed(3),
          f1(text.shingles).toFixed(3),
          String(text.boilerplateLines.length),
        ];
  const rows = scores.map((s) => {
    const refused = s.noArticle ? "refused (right)" : "refused (wrong)";
    const ours = cells(s.ours, refused).slice(0, 4);
    const plain = cells(s.readability, "nothing").slice(0, 3);
    return `| ${s.page}${s.noArticle ? " (no article)" : ""} | ${ours.join(" | ")} | ${plain.join(" | ")} |`;
  });
  const total = (pick: (s: PageScore) => TextScore | undefined) => {
    const words = totalCounts(scores, pick, "words");
    const shingles = totalCounts(scores, pick, "shingles");
    const lines = scores.reduce((n, s) => n + (pick(s)?.boilerplateLines.length ?? 0), 0);
    return [precision(words), recall(words), f1(shingles)]
      .map((x) => x.toFixed(3))
      .concat(String(lines));
  };
  const plainTotal = total((s) => s.readability).slice(0, 3);
  return [
    "| page | precision | recall | F1 (4-word shingles) | boilerplate lines | plain Readability: precision | recall | F1 |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    `| **all pages** | ${total((s) => s.ours).join(" | ")} | ${plainTotal.join(" | ")} |`,
  ].join("\n");
}
