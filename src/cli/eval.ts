import type { Writable } from "node:stream";
import {
  formatExtractedPrecision,
  measureExtractedPrecision,
} from "../eval/extracted-precision.ts";
import { readText } from "../eval/read-text.ts";
import { formatReadingTable, measureReading } from "../eval/reading.ts";
import { runSquadEval } from "../eval/run-squad.ts";
import {
  type EvalQuestion,
  formatEvalTable,
  parseEvalQuestions,
  scoreQuestion,
  summarise,
} from "../eval/score.ts";
import type { SquadMiss, SquadSummary } from "../eval/squad.ts";
import { formatWordForms, measureWordForms } from "../eval/word-forms.ts";
import type { KnowledgeService } from "../live-index/types.ts";

/** The public evaluation questions, from the project root. */
export const DEFAULT_EVAL_FILE = "../shared/eval/questions.jsonl";
/** Real SQuAD questions on five articles: `articles/`, `questions.jsonl`, `unanswerable.jsonl`. */
export const DEFAULT_SQUAD_DIR = "../shared/eval/squad-dev";

export const EVAL_USAGE = `usage: npm run eval -- [--verbose] [--squad DIR] [FILE.jsonl]

With no FILE and no --squad, runs everything below on the knowledge folder (KNOWLEDGE_DIR) and
${DEFAULT_SQUAD_DIR}, then scores article extraction on test/fixtures/pages (word precision
and recall, F1 on 4-word shingles, boilerplate lines kept; plain Readability beside it).

  FILE.jsonl   public-format questions ({"q", "expect", "fact"?}, default ${DEFAULT_EVAL_FILE}),
               asked of the knowledge folder: hit@1, hit@3 (a cited passage holds an expected
               phrase), abstentions, fact hits; then reading them: characters of the first
               pages as the console prints them, facts and passages the text still cites,
               passages cited twice within an answer or shown again on a \`more\` page
  --squad DIR  a squad-format folder (articles/ as the knowledge folder, questions.jsonl,
               unanswerable.jsonl): paragraph hit@1, hit@3, MRR, answer in the top snippet,
               share of answerable and unanswerable questions answered "nothing", answers with a
               digit that get a fact holding it in the top 3; MiniSearch with default options
               scored side by side; then the off-topic check: the squad questions asked of the
               knowledge folder and the public questions asked of the squad articles must get
               "nothing"
  (everything) the precision of the extracted facts answers show, on the hand-labelled
               articles of test/fixtures/extracted-facts; hit@1 and hit@3 on questions that
               use another form of the text's words (units, numbers in words, acronyms), on
               the articles of test/fixtures/word-forms
  --verbose    list every miss
  --help       this text`;

interface EvalArgs {
  verbose: boolean;
  file?: string;
  squad?: string;
}

/** `eval [--verbose] [--squad DIR] [file]`: scores the answers and prints Markdown tables. */
export async function runEval(
  args: readonly string[],
  knowledge: KnowledgeService,
  output: Writable,
): Promise<number> {
  const parsed = parseEvalArgs(args);
  if (typeof parsed === "string") {
    output.write(`${parsed}\n`);
    return parsed === EVAL_USAGE ? 0 : 2;
  }
  const everything = parsed.file === undefined && parsed.squad === undefined;
  try {
    const publicFile = parsed.file ?? DEFAULT_EVAL_FILE;
    const publicQuestions = parseEvalQuestions(await readText(publicFile), publicFile);
    if (everything || parsed.file !== undefined) {
      evaluatePublic(publicFile, publicQuestions, knowledge, parsed.verbose, output);
    }
    if (everything || parsed.squad !== undefined) {
      const dir = parsed.squad ?? DEFAULT_SQUAD_DIR;
      await evaluateSquad(dir, publicQuestions, knowledge, parsed.verbose, output);
    }
    if (everything) output.write(formatExtractedPrecision(await measureExtractedPrecision()));
    if (everything) output.write(formatWordForms(await measureWordForms()));
    if (everything) {
      // Loaded here: the DOM and Readability cost a run that asks only for questions nothing.
      const { DEFAULT_PAGES_DIR, formatExtractionTable, runExtractionEval } = await import(
        "../eval/extraction.ts"
      );
      const table = formatExtractionTable(await runExtractionEval(DEFAULT_PAGES_DIR));
      output.write(
        `## Article extraction: ${DEFAULT_PAGES_DIR}, against the hand-marked text\n\n${table}\n\n`,
      );
    }
    return 0;
  } catch (error) {
    output.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parseEvalArgs(args: readonly string[]): EvalArgs | string {
  const out: EvalArgs = { verbose: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--help" || arg === "-h") return EVAL_USAGE;
    if (arg === "--verbose") out.verbose = true;
    else if (arg === "--squad") {
      const dir = args[++i];
      if (dir === undefined) return `eval: --squad needs a folder\n${EVAL_USAGE}`;
      out.squad = dir;
    } else if (arg.startsWith("-")) return `eval: unknown option ${arg}\n${EVAL_USAGE}`;
    else out.file = arg;
  }
  return out;
}

function evaluatePublic(
  file: string,
  questions: readonly EvalQuestion[],
  knowledge: KnowledgeService,
  verbose: boolean,
  output: Writable,
): void {
  const rows = questions.map((q) => scoreQuestion(q, knowledge.ask(q.q)));
  if (verbose) {
    for (const row of rows.filter((r) => !r.hit1)) {
      const top = row.answer.results[0];
      const where = top ? `${top.kind} ${top.citation.docId}` : "nothing";
      output.write(`MISS ${row.question.q} → ${where}\n`);
    }
  }
  output.write(`## ${file}: ${questions.length} questions\n\n`);
  output.write(`${formatEvalTable(summarise(rows))}\n\n`);
  const reading = measureReading(
    questions.map((q) => q.q),
    (q, options) => knowledge.ask(q, options),
  );
  output.write(`## Reading the ${questions.length} answers\n\n${formatReadingTable(reading)}\n\n`);
}

async function evaluateSquad(
  dir: string,
  publicQuestions: readonly EvalQuestion[],
  knowledge: KnowledgeService,
  verbose: boolean,
  output: Writable,
): Promise<void> {
  const run = await runSquadEval(dir, publicQuestions, knowledge);
  const { answerable, unanswerable } = run.ours.summary;
  if (verbose) writeMisses(run.ours.misses, output);
  output.write(`## ${dir}: ${answerable} answerable, ${unanswerable} unanswerable\n\n`);
  output.write(`${formatSquadTable(run.ours.summary, run.baseline.summary)}\n\n`);
  const { squadOnKnowledge, publicOnSquad } = run.offTopic;
  output.write(
    [
      `## Off-topic: questions about other knowledge must get "nothing"`,
      "",
      "| asked | answered (should be 0) |",
      "|---|---|",
      `| ${dir} questions, of the knowledge folder | ${squadOnKnowledge.length}/${answerable} |`,
      `| public questions, of ${dir}/articles | ${publicOnSquad.length}/${publicQuestions.length} |`,
      "",
      `Query time on ${dir}: p50 ${percentile(run.timings, 0.5)} ms, p95 ${percentile(run.timings, 0.95)} ms.`,
      "",
    ].join("\n"),
  );
  if (verbose) {
    for (const q of [...squadOnKnowledge, ...publicOnSquad]) {
      output.write(`OFF-TOPIC ANSWERED ${q.q}\n`);
    }
  }
}

function writeMisses(misses: readonly SquadMiss[], output: Writable): void {
  for (const { question, answer } of misses) {
    const gold = `${question.article}#${question.paragraph}`;
    const got = answer.nothing ? "nothing" : (answer.docIds[0] ?? "nothing");
    output.write(`MISS ${question.q} → ${got} (want ${gold})\n`);
  }
}

export function formatSquadTable(ours: SquadSummary, baseline: SquadSummary): string {
  const share = (n: number | undefined, d: number) =>
    n === undefined ? "–" : d === 0 ? "–" : `${(n / d).toFixed(3)} (${n}/${d})`;
  const row = (label: string, pick: (s: SquadSummary) => [number | undefined, number]) =>
    `| ${label} | ${share(...pick(ours))} | ${share(...pick(baseline))} |`;
  return [
    "| measure | iranpak | MiniSearch, default options |",
    "|---|---|---|",
    row("paragraph hit@1", (s) => [s.hit1, s.answerable]),
    row("paragraph hit@3", (s) => [s.hit3, s.answerable]),
    `| MRR | ${ours.mrr.toFixed(3)} | ${baseline.mrr.toFixed(3)} |`,
    row("answer in the top snippet", (s) => [s.snippetHit1, s.answerable]),
    row('answerable answered "nothing"', (s) => [s.nothingAnswerable, s.answerable]),
    row('unanswerable answered "nothing"', (s) => [s.nothingUnanswerable, s.unanswerable]),
    row("answer with a digit: a fact holding it in the top 3", (s) => [
      s.digitFactHits,
      s.digitQuestions,
    ]),
  ].join("\n");
}

function percentile(values: readonly number[], p: number): string {
  if (values.length === 0) return "–";
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(2);
}
