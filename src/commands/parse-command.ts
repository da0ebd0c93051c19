/** What a `/iranpak` line asks for. */
export type CommandRequest =
  | { kind: "help" }
  | { kind: "sources" }
  | { kind: "digest" }
  | { kind: "facts"; topic: string }
  | { kind: "question"; question: string };

/**
 * Reads the text after `/iranpak` (already plain text): `help` or nothing, `sources`, `digest`,
 * `facts <topic>`; anything else is a question.
 */
export function parseCommand(text: string): CommandRequest {
  const trimmed = text.trim();
  const [word = "", ...rest] = trimmed.split(/\s+/);
  const keyword = word.toLowerCase();
  if (trimmed === "" || (keyword === "help" && rest.length === 0)) return { kind: "help" };
  if (keyword === "sources" && rest.length === 0) return { kind: "sources" };
  if (keyword === "digest" && rest.length === 0) return { kind: "digest" };
  if (keyword === "facts") return { kind: "facts", topic: rest.join(" ") };
  return { kind: "question", question: trimmed };
}
