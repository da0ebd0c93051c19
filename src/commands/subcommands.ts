import type { CommandRequest } from "./parse-command.ts";

/**
 * The one table of `/iranpak` subcommands. The parser, the Slack and console help texts, the
 * manifest's usage hint and both dispatchers are driven by it: a new subcommand is one entry
 * here and one handler in each dispatcher (the compiler insists on both).
 */

export type CommandKind =
  | "help"
  | "sources"
  | "facts"
  | "more"
  | "digest"
  | "digest-subscribe"
  | "digest-unsubscribe"
  | "feeds"
  | "feeds-add"
  | "feeds-remove"
  | "add"
  | "remove"
  | "question";

export interface Subcommand {
  kind: CommandKind;
  /** The words that name it, lower case; none for the question, which is everything else. */
  words: readonly string[];
  /** Its argument as usage shows it (`<topic>`); absent: it takes none, and words after it make a question. */
  argument?: string;
  /** One line for help texts. */
  summary: string;
}

/** In help order. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    kind: "question",
    words: [],
    argument: "<question>",
    summary: "an answer with cited facts and passages",
  },
  { kind: "more", words: ["more"], summary: "the next results for your last question" },
  {
    kind: "facts",
    words: ["facts"],
    argument: "<topic>",
    summary: "the structured facts on a topic",
  },
  { kind: "sources", words: ["sources"], summary: "the articles the answers come from" },
  {
    kind: "digest",
    words: ["digest"],
    summary: "the daily digest's schedule, whether this channel gets it, and a preview",
  },
  {
    kind: "digest-subscribe",
    words: ["digest", "subscribe"],
    summary: "post the daily digest in this channel too (digest admins)",
  },
  {
    kind: "digest-unsubscribe",
    words: ["digest", "unsubscribe"],
    summary: "stop posting it in this channel (digest admins)",
  },
  {
    kind: "feeds",
    words: ["feeds"],
    summary: "the followed feeds: last poll, items added, errors, next try",
  },
  {
    kind: "feeds-add",
    words: ["feeds", "add"],
    argument: "<url>",
    summary: "follow an RSS, Atom or JSON feed (knowledge editors)",
  },
  {
    kind: "feeds-remove",
    words: ["feeds", "remove"],
    argument: "<url>",
    summary: "stop following a feed (knowledge editors)",
  },
  {
    kind: "add",
    words: ["add"],
    argument: "<url>",
    summary: "add a news article to the knowledge by its address",
  },
  {
    kind: "remove",
    words: ["remove"],
    argument: "<article id or url>",
    summary: "take an added article out of the knowledge for good (editors)",
  },
  { kind: "help", words: ["help"], summary: "this help" },
];

/** A subcommand's usage after `/iranpak`: `facts <topic>`, `<question>`. */
export function usageOf(command: Subcommand): string {
  return [...command.words, ...(command.argument === undefined ? [] : [command.argument])].join(
    " ",
  );
}

/** One handler per subcommand: what a front end (Slack, the console) does for each. */
export type CommandHandlers<Context, Reply> = {
  [K in CommandKind]: (text: string, context: Context) => Reply;
};

export function dispatchCommand<Context, Reply>(
  handlers: CommandHandlers<Context, Reply>,
  request: CommandRequest,
  context: Context,
): Reply {
  return handlers[request.kind](request.text, context);
}

/** The slash command's usage hint, as the manifest declares it. */
export function usageHint(): string {
  return SUBCOMMANDS.map(usageOf).join(" | ");
}
