import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { formatFactValue } from "../answer/fact-value.ts";
import { summarizeKnowledge } from "../answer/summarize-knowledge.ts";
import { parseCommand } from "../commands/parse-command.ts";
import { MIN_DISTINCT_ASKERS } from "../digest/question-summary.ts";
import type { KnowledgeService } from "../service/types.ts";
import { formatAnswer } from "./format-answer.ts";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  knowledge: KnowledgeService;
  /** Today's digest as text, for `/iranpak digest`; absent when no digest is configured. */
  digestPreview?: () => Promise<string> | string;
  /** Shown before each line is read, when the input is a terminal. */
  prompt?: string;
}

/** Passages per page: the service's default. */
const PAGE_SIZE = 3;

const EXAMPLES = ["/iranpak pipeline", "@iranpak who did Bajwa meet?", "/iranpak facts border"];

/**
 * The offline console: answers the same commands the Slack app does, one line at a time, and
 * returns at end of input, so it works from a terminal and from a pipe alike.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output, knowledge } = options;
  const lines = createInterface({ input, terminal: false });
  const write = (text: string) => output.write(`${text}\n`);
  const interactive = "isTTY" in input && input.isTTY === true;
  let last: { question: string; offset: number } | undefined;
  const showPrompt = () => interactive && output.write(options.prompt ?? "iranpak> ");

  write(`iranpak console: ${describeCounts(knowledge)}. Type "help" for usage, Ctrl-D to leave.`);
  const status = knowledge.status();
  if (status.state === "degraded") write(`Warning: ${status.reason}.`);
  showPrompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "quit" || line === "exit") break;
    // "@iranpak …" and a bare line are questions, as `/iranpak …` is: one grammar for all.
    const text = line.replace(/^(\/iranpak|@iranpak)(\s|$)/i, "").trim();
    if (line !== "" && text.toLowerCase() === "more") {
      if (last === undefined) write("Ask a question first.");
      else {
        last.offset += PAGE_SIZE;
        const answer = knowledge.ask(last.question, { offset: last.offset });
        write(
          answer.results.length > 0 ? formatAnswer(answer, last.offset + 1) : "No more results.",
        );
      }
    } else if (line !== "") {
      const request = parseCommand(text);
      if (request.kind === "help") write(helpText(knowledge));
      else if (request.kind === "sources") write(sourcesText(knowledge));
      else if (request.kind === "facts") write(factsText(knowledge, request.topic));
      else if (request.kind === "digest")
        write(
          options.digestPreview
            ? await options.digestPreview()
            : "The daily digest is not configured.",
        );
      else {
        last = { question: request.question, offset: 0 };
        write(formatAnswer(knowledge.ask(request.question)));
      }
    }
    showPrompt();
  }
  lines.close();
}

function describeCounts(knowledge: KnowledgeService): string {
  const c = knowledge.counts();
  return `${c.articles} articles, ${c.passages} passages, ${c.facts} facts`;
}

function helpText(knowledge: KnowledgeService): string {
  return [
    "Ask what the knowledge base says about Pakistan–Iran relations:",
    "  /iranpak <question>       answer with cited facts and passages",
    "  @iranpak <question>       the same, as a mention",
    "  /iranpak more             the next results for the last question",
    "  /iranpak sources          the articles it knows",
    "  /iranpak facts <topic>    the structured facts on a topic",
    "  /iranpak digest           today's digest",
    `Examples: ${EXAMPLES.join("  ·  ")}`,
    `Topics: ${summarizeKnowledge(knowledge.knowledge()).topics.join(", ")}`,
    `Knowledge: ${describeCounts(knowledge)}.`,
    `Privacy: in Slack, questions asked by direct message or /iranpak are never quoted in a channel;`,
    `  the daily digest counts them and names their topics once ${MIN_DISTINCT_ASKERS} different people asked.`,
    `  A question asked by @iranpak mention may be quoted in that channel's digest only.`,
  ].join("\n");
}

function sourcesText(knowledge: KnowledgeService): string {
  const articles = knowledge.knowledge().articles;
  return articles
    .map(
      (a) => `- ${a.title} (${a.id}, ${a.passages.length} passages)${a.url ? ` <${a.url}>` : ""}`,
    )
    .join("\n");
}

function factsText(knowledge: KnowledgeService, topic: string): string {
  const facts = knowledge.factsAbout(topic);
  if (facts.length === 0) return `No facts on “${topic}”. Try "/iranpak facts" for all of them.`;
  return facts
    .map(
      (f) => `- ${f.subject} · ${f.attribute}: ${formatFactValue(f)} (${f.article}#${f.paragraph})`,
    )
    .join("\n");
}
