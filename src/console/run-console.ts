import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { parseCommand } from "../commands/parse-command.ts";
import { dispatchCommand } from "../commands/subcommands.ts";
import type { FeedStore } from "../feeds/feed-store.ts";
import type { KnowledgeService } from "../live-index/types.ts";
import { createMemoryMoreStore } from "../store/memory/more-store.ts";
import {
  CONSOLE_COMMAND_HANDLERS,
  type ConsoleContext,
  describeCounts,
} from "./command-handlers.ts";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  knowledge: KnowledgeService;
  /** Today's digest as text, for `/iranpak digest`; absent when no digest is configured. */
  digestPreview?: () => Promise<string> | string;
  addArticle?: ConsoleContext["addArticle"];
  removeArticle?: ConsoleContext["removeArticle"];
  /** Shown before each line is read, when the input is a terminal. */
  prompt?: string;
  /** The followed feeds, for `/iranpak feeds` and `sources`. */
  feeds?: FeedStore;
  articles?: ConsoleContext["articles"];
}

const DEFAULT_PROMPT = "iranpak> ";

/**
 * The offline console: answers the same commands the Slack app does, one line at a time, and
 * returns at end of input, so it works from a terminal and from a pipe alike. Piped, it echoes
 * each line after the prompt and leaves a blank line between answers, so the output reads as a
 * transcript.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output, knowledge } = options;
  const lines = createInterface({ input, terminal: false });
  const write = (text: string) => output.write(`${text}\n`);
  const interactive = "isTTY" in input && input.isTTY === true;
  const prompt = options.prompt ?? DEFAULT_PROMPT;
  const showPrompt = () => interactive && output.write(prompt);
  const context: ConsoleContext = {
    knowledge,
    // One person at a console: the last question never expires while it runs.
    more: createMemoryMoreStore({ ttlMs: Number.MAX_SAFE_INTEGER / 4 }),
    now: () => new Date(),
    ...(options.digestPreview === undefined ? {} : { digestPreview: options.digestPreview }),
    ...(options.feeds === undefined ? {} : { feeds: options.feeds }),
    ...(options.addArticle === undefined ? {} : { addArticle: options.addArticle }),
    ...(options.removeArticle === undefined ? {} : { removeArticle: options.removeArticle }),
    ...(options.articles === undefined ? {} : { articles: options.articles }),
  };

  write(`iranpak console: ${describeCounts(knowledge)}. Type "help" for usage, Ctrl-D to leave.`);
  const status = knowledge.status();
  if (status.state === "degraded") write(`Warning: ${status.reason}.`);
  showPrompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "quit" || line === "exit") break;
    if (line !== "") {
      if (!interactive) write(`\n${prompt}${line}`);
      // "@iranpak …" and a bare line are questions, as `/iranpak …` is: one grammar for all.
      const text = line.replace(/^(\/iranpak|@iranpak)(\s|$)/i, "").trim();
      write(await dispatchCommand(CONSOLE_COMMAND_HANDLERS, parseCommand(text), context));
    }
    showPrompt();
  }
  lines.close();
}
