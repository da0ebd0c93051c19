import { normaliseWhitespace } from "../text/normalise.ts";

// C0 and C1 control characters (NUL included) other than whitespace.
const CONTROL = /(?![\t\n\f\r])\p{Cc}/gu;
// Half a surrogate pair cannot be written as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Invisible format characters that make equal-looking text compare unequal.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Text as it is stored: one line of plain text, well-formed Unicode, no control or invisible
 * characters, every run of whitespace one space.
 */
export function toPlainText(text: string): string {
  return normaliseWhitespace(
    text.replace(LONE_SURROGATE, "").replace(CONTROL, " ").replace(INVISIBLE, ""),
  );
}

/** The words of a text, lower-cased with diacritics folded: what hashes and scores compare. */
export function textWords(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}
