import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { quotePassages } from "../answer/quotes.ts";
import type { Answer } from "../answer/types.ts";
import { formatAnswer } from "../console/format-answer.ts";
import type { KnowledgeService } from "../live-index/types.ts";

/**
 * The JSON shape of `npm run ask -- --json`: one result a passage, best first, each with the
 * facts that quote it (`facts`, empty for a passage alone), and how confident the answer is
 * (`direct`, `closest` with the words that matched nothing, or `none` with suggestions).
 */
export function answerJson(answer: Answer): object {
  return {
    query: answer.query,
    confidence: answer.confidence,
    ...(answer.missed.length > 0 ? { missed: answer.missed } : {}),
    ...(answer.corrections.length > 0 ? { corrections: answer.corrections } : {}),
    ...(answer.truncated ? { truncated: true } : {}),
    results: quotePassages(answer.results).map((q) => ({
      snippet: q.snippet,
      passage: q.passage,
      citation: q.citation,
      facts: q.facts.map((r) => ({
        value: r.value,
        ...(r.fact === undefined ? {} : { fact: r.fact }),
        ...(r.fact?.origin === "extracted" ? { extracted: true } : {}),
      })),
      marks: q.marks,
      score: q.score,
    })),
    ...(answer.conflicts.length > 0
      ? {
          conflicts: answer.conflicts.map((c) => ({
            subject: c.subject,
            attribute: c.attribute,
            values: c.results.map((r) => ({ value: r.value, citation: r.citation })),
          })),
        }
      : {}),
    ...(answer.confidence === "none" ? { suggestions: answer.suggestions } : {}),
  };
}

/**
 * `ask [--json] [question…]`: one question from the arguments, or with `--json` and no question,
 * one question a line from standard input and one JSON object a line out.
 */
export async function runAsk(
  args: readonly string[],
  knowledge: KnowledgeService,
  io: { input: Readable; output: Writable },
): Promise<number> {
  const json = args.includes("--json");
  const question = args
    .filter((a) => a !== "--json")
    .join(" ")
    .trim();
  const print = (q: string) =>
    io.output.write(
      `${json ? JSON.stringify(answerJson(knowledge.ask(q))) : formatAnswer(knowledge.ask(q))}\n`,
    );
  if (question !== "") {
    print(question);
    return 0;
  }
  if (!json) {
    io.output.write('usage: npm run ask -- [--json] "<question>"\n');
    return 2;
  }
  for await (const line of createInterface({ input: io.input, terminal: false })) {
    if (line.trim() !== "") print(line.trim());
  }
  return 0;
}
