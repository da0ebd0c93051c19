import { SLACK_LIMITS } from "./limits.ts";

/** What a Share or More button needs to rebuild an answer: the question and the passage offset. */
export interface AnswerRef {
  question: string;
  offset: number;
}

/**
 * Encodes a ref as a button value within Slack's 2,000 characters: a question too long to fit
 * is shortened (the search only reads its first words anyway).
 */
export function encodeAnswerRef(ref: AnswerRef): string {
  const encode = (q: string) => JSON.stringify({ q, o: ref.offset });
  let question = ref.question;
  while (encode(question).length > SLACK_LIMITS.buttonValue) {
    const over = encode(question).length - SLACK_LIMITS.buttonValue;
    // JSON escapes can make a character cost up to six, so cut at least that many per step.
    question = Array.from(question)
      .slice(0, -Math.max(1, Math.ceil(over / 6)))
      .join("");
  }
  return encode(question);
}

/** Reads a button value back; undefined when it is not one iranpak made. */
export function decodeAnswerRef(value: string | undefined): AnswerRef | undefined {
  if (value === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(value);
    if (typeof data !== "object" || data === null) return undefined;
    const { q, o } = data as { q?: unknown; o?: unknown };
    if (typeof q !== "string" || typeof o !== "number" || !Number.isInteger(o) || o < 0) {
      return undefined;
    }
    return { question: q, offset: o };
  } catch {
    return undefined;
  }
}
