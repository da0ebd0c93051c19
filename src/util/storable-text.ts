/** Lone UTF-16 surrogates: halves of a pair without their other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` as every store can keep it: PostgreSQL refuses a NUL byte in text and a string that
 * is not valid UTF-8 (a lone surrogate), and one such row used to hold back every other write.
 * NULs are dropped and lone surrogates become U+FFFD, the replacement character, so the rest
 * of the text is kept as typed. Used on every store's way in, whichever store it is.
 */
export function storableText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL is what is removed
  return text.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * A copy of `text` that owns its characters. V8 may keep a slice (or a trimmed or cut string)
 * as a view into the string it came from, holding the whole parent alive: a 500-character cut
 * of a 40,000-character message kept the 40,000. What is kept for long (a logged question, a
 * remembered turn) is copied once, so only the kept characters stay in memory. Concatenating a
 * character forces a flat new string; dropping it again copies just the kept characters.
 */
export function copyText(text: string): string {
  return text.length === 0 ? "" : ` ${text}`.slice(1);
}

/**
 * What a store keeps of user text: at most `maxLength` characters, storable everywhere
 * (`storableText`) and a copy of its own (`copyText`), so the message it came from can go.
 */
export function keptText(text: string, maxLength: number): string {
  return copyText(storableText(text.slice(0, maxLength)));
}
