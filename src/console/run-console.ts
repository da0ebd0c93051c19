import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { KnowledgeService } from "../service/types.ts";
import { formatAnswer } from "./format-answer.ts";
import { coveredTopics } from "./topics.ts";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  knowledge: KnowledgeService;
  /** Today's digest as text, for `/iranpak digest`; absent when no digest is configured. */
  digestPreview?: () => Promise<string> | string;
  /** Shown before each line is read, when the input is a terminal. */
  prompt?: string;
}

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
  showPrompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "quit" || line === "exit") break;
    if (line !== "") {
      const { command, rest } = parseLine(line);
      if (command === "help" || (command === "ask" && rest === "")) write(helpText(knowledge));
      else if (command === "sources") write(sourcesText(knowledge));
      else if (command === "facts") write(factsText(knowledge, rest));
      else if (command === "digest")
        write(
          options.digestPreview
            ? await options.digestPreview()
            : "The daily digest is not configured.",
        );
      else if (command === "more") {
        if (last === undefined) write("Ask a question first.");
        else {
          last.offset += 3;
          const answer = knowledge.ask(last.question, { offset: last.offset });
          write(
            answer.results.length > 0 ? formatAnswer(answer, last.offset + 1) : "No more results.",
          );
        }
      } else {
        last = { question: rest, offset: 0 };
        write(formatAnswer(knowledge.ask(rest)));
      }
    }
    showPrompt();
  }
  lines.close();
}

type Command = "help" | "sources" | "facts" | "digest" | "more" | "ask";

/** `/iranpak facts border` → facts "border"; `@iranpak who…` and bare text → a question. */
export function parseLine(line: string): { command: Command; rest: string } {
  const text = line.replace(/^(\/iranpak|@iranpak)\b/i, "").trim();
  const [first = "", ...others] = text.split(/\s+/);
  const word = first.toLowerCase();
  if (word === "help" || word === "sources" || word === "digest" || word === "more") {
    if (others.length === 0) return { command: word, rest: "" };
  }
  if (word === "facts") return { command: "facts", rest: others.join(" ") };
  return { command: "ask", rest: text };
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
    `Topics: ${coveredTopics(knowledge.knowledge()).join(", ")}`,
    `Knowledge: ${describeCounts(knowledge)}.`,
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
      (f) =>
        `- ${f.subject} · ${f.attribute}: ${f.value}${f.unit ? ` ${f.unit}` : ""} (${f.article}#${f.paragraph})`,
    )
    .join("\n");
}
