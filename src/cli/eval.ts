import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import { formatEvalTable, parseEvalQuestions, scoreQuestion, summarise } from "../eval/score.ts";
import type { KnowledgeService } from "../service/types.ts";

/** The public evaluation questions, from the project root. */
export const DEFAULT_EVAL_FILE = "../shared/eval/questions.jsonl";

/** `eval [--verbose] [file]`: scores the answers on an evaluation file and prints a table. */
export async function runEval(
  args: readonly string[],
  knowledge: KnowledgeService,
  output: Writable,
): Promise<number> {
  const verbose = args.includes("--verbose");
  const file = args.find((a) => !a.startsWith("--")) ?? DEFAULT_EVAL_FILE;
  const questions = parseEvalQuestions(await readFile(file, "utf8"), file);
  const rows = questions.map((q) => scoreQuestion(q, knowledge.ask(q.q)));
  if (verbose) {
    for (const row of rows) {
      const top = row.answer.results[0];
      const where = top ? `${top.kind} ${top.citation.docId}` : "abstained";
      output.write(`${row.hit1 ? "ok  " : "MISS"} ${row.question.q} → ${where}\n`);
    }
  }
  output.write(`${file}: ${questions.length} questions\n${formatEvalTable(summarise(rows))}\n`);
  return 0;
}
