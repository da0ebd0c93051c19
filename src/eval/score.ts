import type { Answer } from "../answer/types.ts";
import { parseJsonLines } from "./json-lines.ts";

/** One line of an evaluation file (see shared/README.md). */
export interface EvalQuestion {
  q: string;
  /** Key phrases: a result is right when the passage it cites contains one. Empty: no answer. */
  expect: string[];
  /** A value that a structured fact among the results must contain. */
  fact?: string;
}

export interface EvalRow {
  question: EvalQuestion;
  answer: Answer;
  hit1: boolean;
  hit3: boolean;
  /** Undefined when the question has no `fact`. */
  factHit?: boolean;
}

export interface EvalSummary {
  questions: number;
  answerable: number;
  hit1: number;
  hit3: number;
  unanswerable: number;
  /** Unanswerable questions the bot abstained on. */
  abstainedRight: number;
  /** Answerable questions the bot wrongly abstained on. */
  abstainedWrong: number;
  factQuestions: number;
  factHits: number;
}

export function parseEvalQuestions(jsonl: string, file: string): EvalQuestion[] {
  return parseJsonLines(jsonl, file, (value) => {
    const q = value as EvalQuestion;
    if (typeof q.q !== "string" || !Array.isArray(q.expect)) throw new Error("needs q and expect");
    return q;
  });
}

/** Scores answers the way shared/README.md defines it: right when a cited passage has a key phrase. */
export function scoreQuestion(question: EvalQuestion, answer: Answer): EvalRow {
  const cites = (i: number) => {
    const result = answer.results[i];
    return (
      result !== undefined && question.expect.some((phrase) => result.passage.includes(phrase))
    );
  };
  const unanswerable = question.expect.length === 0;
  const hit1 = unanswerable ? answer.results.length === 0 : cites(0);
  const hit3 = unanswerable ? hit1 : [0, 1, 2].some(cites);
  const wanted = question.fact;
  const row: EvalRow = { question, answer, hit1, hit3 };
  if (wanted !== undefined) {
    row.factHit = answer.results.some((r) => r.kind === "fact" && (r.value ?? "").includes(wanted));
  }
  return row;
}

export function summarise(rows: readonly EvalRow[]): EvalSummary {
  const answerable = rows.filter((r) => r.question.expect.length > 0);
  const unanswerable = rows.filter((r) => r.question.expect.length === 0);
  const withFact = rows.filter((r) => r.factHit !== undefined);
  return {
    questions: rows.length,
    answerable: answerable.length,
    hit1: answerable.filter((r) => r.hit1).length,
    hit3: answerable.filter((r) => r.hit3).length,
    unanswerable: unanswerable.length,
    abstainedRight: unanswerable.filter((r) => r.hit1).length,
    abstainedWrong: answerable.filter((r) => r.answer.confidence === "none").length,
    factQuestions: withFact.length,
    factHits: withFact.filter((r) => r.factHit).length,
  };
}

/** The summary as a Markdown table, the form the closing notes and the README use. */
export function formatEvalTable(summary: EvalSummary): string {
  const ratio = (n: number, d: number) =>
    d === 0 ? "–" : `${n}/${d} (${((100 * n) / d).toFixed(0)}%)`;
  return [
    "| measure | score |",
    "|---|---|",
    `| hit@1 (answerable) | ${ratio(summary.hit1, summary.answerable)} |`,
    `| hit@3 (answerable) | ${ratio(summary.hit3, summary.answerable)} |`,
    `| abstained when it should | ${ratio(summary.abstainedRight, summary.unanswerable)} |`,
    `| abstained when it should not | ${summary.abstainedWrong} |`,
    `| fact hits | ${ratio(summary.factHits, summary.factQuestions)} |`,
  ].join("\n");
}
