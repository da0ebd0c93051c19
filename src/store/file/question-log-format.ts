import { loggedTopics } from "../../questions/question-log.ts";
import type { TopicModel } from "../../questions/topics.ts";
import {
  type LoggedTopic,
  QUESTION_ORIGINS,
  type QuestionLogEntry,
  type QuestionOrigin,
} from "../../questions/types.ts";
import { parseJsonObject } from "../../util/json-line.ts";

/** What to do about a file system error code, told to whoever runs the bot. */
export const FILE_FIXES: Record<string, string> = {
  EISDIR: "Move that folder out of DATA_DIR to keep questions across restarts.",
  EROFS: "Make DATA_DIR writable to keep questions across restarts.",
  EACCES: "Give the bot's user write access to DATA_DIR to keep questions across restarts.",
  EPERM: "Give the bot's user write access to DATA_DIR to keep questions across restarts.",
  ENOSPC: "Free some disk space.",
};

/** Says what went wrong without paths: this goes into a channel. */
export function describeFault(code: string, message: string, file: string): string {
  switch (code) {
    case "EISDIR":
      return `${file} in DATA_DIR is a folder`;
    case "EROFS":
      return "DATA_DIR is read-only";
    case "EACCES":
    case "EPERM":
      return "no permission to write in DATA_DIR";
    case "ENOSPC":
      return "the disk is full";
    default:
      return code === "error" ? message : code;
  }
}

/**
 * A line as an entry; `legacy` when it was written before origins were kept (`{ text, at,
 * answered }`): such a question counts as private and its topics are worked out now.
 */
export function parseEntry(
  line: string,
  model: TopicModel,
): { entry: QuestionLogEntry; legacy: boolean } | undefined {
  const value = parseJsonObject(line);
  if (value === undefined) return undefined;
  const { at, answered, origin, channel, asker, topics, text } = value;
  if (typeof at !== "string" || typeof answered !== "boolean" || Number.isNaN(Date.parse(at))) {
    return undefined;
  }
  if (origin !== undefined && !QUESTION_ORIGINS.has(origin)) return undefined;
  if (channel !== undefined && typeof channel !== "string") return undefined;
  if (asker !== undefined && typeof asker !== "string") return undefined;
  if (text !== undefined && typeof text !== "string") return undefined;
  if (topics !== undefined && !isTopicList(topics)) return undefined;
  if (topics === undefined && text === undefined) return undefined;
  const legacy = topics === undefined;
  const mention = origin === "mention";
  return {
    legacy,
    entry: {
      at,
      answered,
      ...(origin === undefined ? {} : { origin: origin as QuestionOrigin }),
      ...(mention && channel !== undefined ? { channel } : {}),
      ...(asker === undefined ? {} : { asker }),
      topics: legacy ? loggedTopics(model, text as string) : (topics as LoggedTopic[]),
      ...(mention && text !== undefined ? { text } : {}),
    },
  };
}

function isTopicList(value: unknown): value is LoggedTopic[] {
  return (
    Array.isArray(value) &&
    value.every(
      (t) =>
        Array.isArray(t) && t.length === 2 && typeof t[0] === "string" && typeof t[1] === "string",
    )
  );
}

const CURRENT_LINE = /^\{"at":"([^"]+)"/;

/** The line to keep for `line` in a rewrite, or undefined to drop it. */
export function keptLine(line: string, oldest: number, model: TopicModel): string | undefined {
  if (line.trim() === "") return undefined;
  // Lines this version wrote start with their time: most are kept without parsing them.
  const at = CURRENT_LINE.exec(line)?.[1];
  if (at !== undefined && line.endsWith("}") && line.includes('"topics":')) {
    return Date.parse(at) >= oldest ? line : undefined;
  }
  const parsed = parseEntry(line, model);
  if (parsed === undefined || Date.parse(parsed.entry.at) < oldest) return undefined;
  return JSON.stringify(parsed.entry);
}
