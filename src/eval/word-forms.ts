import path from "node:path";
import { createKnowledgeService } from "../live-index/knowledge-service.ts";
import { readText } from "./read-text.ts";
import {
  type EvalRow,
  type EvalSummary,
  formatEvalTable,
  parseEvalQuestions,
  scoreQuestion,
  summarise,
} from "./score.ts";

/**
 * Articles written to test forms of the same word, and questions asked in the other form: a
 * unit written out or abbreviated ("km" against "1,900 kilometres"), a number in words ("two
 * thousand" against "2000"), an acronym the article spells out ("NEPRA" against "National
 * Electric Power Regulatory Authority"). A knowledge folder (`articles/`, `facts/`) and
 * `questions.jsonl` in the public format.
 */
export const DEFAULT_WORD_FORMS_DIR = "test/fixtures/word-forms";

export interface WordFormsRun {
  summary: EvalSummary;
  misses: EvalRow[];
}

/** Asks the word-forms questions of their own articles. */
export async function measureWordForms(dir = DEFAULT_WORD_FORMS_DIR): Promise<WordFormsRun> {
  const file = path.join(dir, "questions.jsonl");
  const questions = parseEvalQuestions(await readText(file), file);
  const knowledge = createKnowledgeService({ dir, watch: false });
  try {
    await knowledge.ready;
    const rows = questions.map((q) => scoreQuestion(q, knowledge.ask(q.q)));
    return { summary: summarise(rows), misses: rows.filter((r) => !r.hit1) };
  } finally {
    await knowledge.close();
  }
}

/** The section `npm run eval` prints; misses listed so a drop can be read. */
export function formatWordForms(run: WordFormsRun, dir = DEFAULT_WORD_FORMS_DIR): string {
  const misses = run.misses.map((r) => {
    const top = r.answer.results[0];
    return `- MISS ${r.question.q} → ${top ? top.citation.docId : "nothing"}`;
  });
  return [
    `## Forms of the same word: ${dir}, ${run.summary.questions} questions`,
    "",
    formatEvalTable(run.summary),
    "",
    ...misses,
    ...(misses.length > 0 ? [""] : []),
    "",
  ].join("\n");
}
