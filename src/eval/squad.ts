import { foldText } from "../text/fold.ts";
import { parseJsonLines } from "./json-lines.ts";

/** One line of squad-dev's `questions.jsonl` or `unanswerable.jsonl` (see its SOURCE.md). */
export interface SquadQuestion {
  q: string;
  article: string;
  /** 1-based paragraph the question was written from: passage `<article>#<paragraph>`. */
  paragraph: number;
  /** Gold answer spans; empty for an unanswerable question. */
  answers: string[];
}

/** What an engine returned for one question, reduced to what squad scoring reads. */
export interface RankedAnswer {
  /** Cited passage ids, best first (a fact cites the passage it quotes). */
  docIds: string[];
  /** The top result's snippet, when there is one. */
  topSnippet?: string;
  /** Values of the facts among the top three results. */
  topFactValues: string[];
  /** True when the engine says the knowledge has nothing on the question. */
  nothing: boolean;
}

export interface SquadSummary {
  answerable: number;
  hit1: number;
  hit3: number;
  /** Mean reciprocal rank of the gold paragraph among the returned passages (0 when absent). */
  mrr: number;
  /** Top snippets containing a gold answer; undefined for an engine without snippets. */
  snippetHit1?: number;
  nothingAnswerable: number;
  unanswerable: number;
  nothingUnanswerable: number;
  /** Answerable questions whose gold answer has a digit. */
  digitQuestions: number;
  /** Of those, how many have a fact among the top three whose value holds the answer's numbers. */
  digitFactHits: number;
}

export interface SquadMiss {
  question: SquadQuestion;
  answer: RankedAnswer;
}

export function parseSquadQuestions(jsonl: string, file: string): SquadQuestion[] {
  return parseJsonLines(jsonl, file, (value) => {
    const q = value as Partial<SquadQuestion> & { unanswerable?: boolean };
    if (
      typeof q.q !== "string" ||
      typeof q.article !== "string" ||
      typeof q.paragraph !== "number"
    ) {
      throw new Error("needs q, article and paragraph");
    }
    const answers = q.unanswerable === true ? [] : q.answers;
    if (!Array.isArray(answers) || !answers.every((a) => typeof a === "string")) {
      throw new Error("needs answers (a list of strings) or unanswerable: true");
    }
    return { q: q.q, article: q.article, paragraph: q.paragraph, answers };
  });
}

/** Scores one engine on answerable and unanswerable squad questions. */
export function scoreSquad(
  answerable: readonly SquadQuestion[],
  unanswerable: readonly SquadQuestion[],
  ask: (question: string) => RankedAnswer,
  options: { snippets: boolean },
): { summary: SquadSummary; misses: SquadMiss[] } {
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  let snippetHit1 = 0;
  let nothingAnswerable = 0;
  let digitQuestions = 0;
  let digitFactHits = 0;
  const misses: SquadMiss[] = [];
  for (const question of answerable) {
    const answer = ask(question.q);
    const gold = `${question.article}#${question.paragraph}`;
    const rank = answer.docIds.indexOf(gold);
    if (rank === 0) hit1++;
    else misses.push({ question, answer });
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if (answer.nothing) nothingAnswerable++;
    if (containsAnswer(answer.topSnippet ?? "", question.answers)) snippetHit1++;
    const numbers = question.answers.map(numbersOf).filter((n) => n.length > 0);
    if (numbers.length > 0) {
      digitQuestions++;
      if (answer.topFactValues.some((value) => holdsNumbersOfAny(value, numbers))) digitFactHits++;
    }
  }
  const nothingUnanswerable = unanswerable.filter((q) => ask(q.q).nothing).length;
  return {
    summary: {
      answerable: answerable.length,
      hit1,
      hit3,
      mrr: answerable.length === 0 ? 0 : reciprocal / answerable.length,
      ...(options.snippets ? { snippetHit1 } : {}),
      nothingAnswerable,
      unanswerable: unanswerable.length,
      nothingUnanswerable,
      digitQuestions,
      digitFactHits,
    },
    misses,
  };
}

/** A snippet answers when it holds a gold span, case and diacritics aside. */
export function containsAnswer(snippet: string, answers: readonly string[]): boolean {
  const text = squash(snippet);
  return answers.some((a) => squash(a) !== "" && text.includes(squash(a)));
}

function squash(text: string): string {
  return foldText(text).replace(/\s+/g, " ").trim();
}

/** The numbers written in a text, without thousands separators: "1,066 and 1071" → [1066, 1071]. */
export function numbersOf(text: string): string[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0].replace(/,(?=\d{3}\b)/g, ""));
}

function holdsNumbersOfAny(value: string, answers: readonly string[][]): boolean {
  const have = new Set(numbersOf(value));
  return answers.some((numbers) => numbers.every((n) => have.has(n)));
}
