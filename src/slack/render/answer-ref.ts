import { SLACK_LIMITS } from "./limits.ts";

/**
 * What a button needs to rebuild its answer: the question and the passage offset; for the
 * feedback buttons also the answer's id and how it was shown (with Share, shared by whom).
 */
export interface AnswerRef {
  question: string;
  offset: number;
  /** The answer's id: votes are counted per answer. */
  id?: string;
  /** The answer had Share in channel (it was shown only to the asker). */
  share?: boolean;
  /** The Slack user who shared it into the channel. */
  sharedBy?: string;
}

const ANSWER_ID = /^[0-9a-f]{16}$/;
const USER_ID = /^[UW][A-Z0-9]+$/;

/**
 * Encodes a ref as a button value within Slack's 2,000 characters: a question too long to fit
 * is shortened (the search only reads its first words anyway).
 */
export function encodeAnswerRef(ref: AnswerRef): string {
  const encode = (q: string) =>
    JSON.stringify({
      q,
      o: ref.offset,
      ...(ref.id === undefined ? {} : { a: ref.id }),
      ...(ref.share ? { s: 1 } : {}),
      ...(ref.sharedBy === undefined ? {} : { b: ref.sharedBy }),
    });
  let question = ref.question;
  let encoded = encode(question);
  while (encoded.length > SLACK_LIMITS.buttonValue) {
    const over = encoded.length - SLACK_LIMITS.buttonValue;
    // JSON escapes can make a character cost up to six, so cut at least that many per step.
    question = Array.from(question)
      .slice(0, -Math.max(1, Math.ceil(over / 6)))
      .join("");
    encoded = encode(question);
  }
  return encoded;
}

/** Reads a button value back; undefined when it is not one iranpak made. */
export function decodeAnswerRef(value: string | undefined): AnswerRef | undefined {
  if (value === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(value);
    if (typeof data !== "object" || data === null) return undefined;
    const { q, o, a, s, b } = data as Record<string, unknown>;
    if (typeof q !== "string" || typeof o !== "number" || !Number.isInteger(o) || o < 0) {
      return undefined;
    }
    if (a !== undefined && (typeof a !== "string" || !ANSWER_ID.test(a))) return undefined;
    if (s !== undefined && s !== 1) return undefined;
    if (b !== undefined && (typeof b !== "string" || !USER_ID.test(b))) return undefined;
    return {
      question: q,
      offset: o,
      ...(a === undefined ? {} : { id: a as string }),
      ...(s === 1 ? { share: true } : {}),
      ...(b === undefined ? {} : { sharedBy: b as string }),
    };
  } catch {
    return undefined;
  }
}
