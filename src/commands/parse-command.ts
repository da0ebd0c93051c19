import { type CommandKind, SUBCOMMANDS } from "./subcommands.ts";

/** What a `/iranpak` line asks for: the subcommand and its argument (the question, the topic). */
export interface CommandRequest {
  kind: CommandKind;
  /** The argument as typed, trimmed; "" when it takes none. */
  text: string;
}

/** Longest names first, so `digest subscribe` wins over `digest`. */
const BY_LENGTH = [...SUBCOMMANDS]
  .filter((c) => c.words.length > 0)
  .sort((a, b) => b.words.length - a.words.length);

/**
 * Reads the text after `/iranpak` (already plain text) by the table: nothing is help; a
 * subcommand's words (any case) followed by its argument, or by nothing when it takes none;
 * anything else is a question.
 */
export function parseCommand(text: string): CommandRequest {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "help", text: "" };
  const words = trimmed.split(/\s+/);
  for (const command of BY_LENGTH) {
    const n = command.words.length;
    if (!command.words.every((w, i) => words[i]?.toLowerCase() === w)) continue;
    const rest = words.slice(n).join(" ");
    if (command.argument !== undefined) return { kind: command.kind, text: rest };
    if (rest === "") return { kind: command.kind, text: "" };
  }
  return { kind: "question", text: trimmed };
}
