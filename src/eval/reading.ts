import type { Answer } from "../answer/types.ts";
import { formatAnswer } from "../console/format-answer.ts";

/** What reading the answers costs, and what the reader gets for it. */
export interface ReadingSummary {
  questions: number;
  /** Characters of the first page of every answer, as the console prints them. */
  characters: number;
  /** Facts in the answers, and how many of them the printed text gives the value of. */
  facts: number;
  factsPrinted: number;
  /** Passages the answers cite, and how many of them the printed text cites. */
  passages: number;
  passagesPrinted: number;
  /** Citations printed beyond one per passage: a passage quoted again within one answer. */
  repeatedWithinAnswers: number;
  /** Pages that `more` gives after the first, and passages on them an earlier page had shown. */
  laterPages: number;
  repeatedAcrossPages: number;
}

/** Pages read per question at most: every public question has far fewer. */
const MAX_PAGES = 50;

type Ask = (question: string, options: { offset: number }) => Answer;

/**
 * Asks each question, prints its first page as the console does, counts what the text cites,
 * then pages on with `more` until there is no more, counting passages shown twice.
 */
export function measureReading(questions: readonly string[], ask: Ask): ReadingSummary {
  const summary: ReadingSummary = {
    questions: questions.length,
    characters: 0,
    facts: 0,
    factsPrinted: 0,
    passages: 0,
    passagesPrinted: 0,
    repeatedWithinAnswers: 0,
    laterPages: 0,
    repeatedAcrossPages: 0,
  };
  for (const question of questions) {
    const answer = ask(question, { offset: 0 });
    const text = formatAnswer(answer);
    summary.characters += text.length;
    const facts = answer.results.filter((r) => r.kind === "fact");
    summary.facts += facts.length;
    summary.factsPrinted += facts.filter(
      (r) => r.value !== undefined && text.includes(r.value),
    ).length;
    const cited = new Set(answer.results.map((r) => r.citation.docId));
    summary.passages += cited.size;
    const printed = [...cited].map((id) => countOccurrences(text, `(${id})`));
    summary.passagesPrinted += printed.filter((n) => n > 0).length;
    summary.repeatedWithinAnswers += printed.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const paged = pageOn(question, answer, ask);
    summary.laterPages += paged.pages;
    summary.repeatedAcrossPages += paged.repeated;
  }
  return summary;
}

/** Follows `more` from the first page: how many pages it gives, and repeats across them. */
function pageOn(question: string, first: Answer, ask: Ask): { pages: number; repeated: number } {
  const seen = new Set(first.results.map((r) => r.citation.docId));
  let answer = first;
  let pages = 0;
  let repeated = 0;
  while (answer.hasMore && pages < MAX_PAGES) {
    answer = ask(question, { offset: answer.nextOffset });
    if (answer.results.length === 0) break;
    pages++;
    for (const { citation } of answer.results) {
      if (seen.has(citation.docId)) repeated++;
      seen.add(citation.docId);
    }
  }
  return { pages, repeated };
}

function countOccurrences(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n++;
  return n;
}

/** The summary as a Markdown table. */
export function formatReadingTable(s: ReadingSummary): string {
  return [
    "| measure | value |",
    "|---|---|",
    `| characters, first pages as the console prints them | ${s.characters} |`,
    `| facts whose value is printed | ${s.factsPrinted}/${s.facts} |`,
    `| passages cited | ${s.passagesPrinted}/${s.passages} |`,
    `| a passage cited again within an answer | ${s.repeatedWithinAnswers} |`,
    `| a passage shown again on a \`more\` page (${s.laterPages} pages) | ${s.repeatedAcrossPages} |`,
  ].join("\n");
}
