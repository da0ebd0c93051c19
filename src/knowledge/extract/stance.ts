import { clauseEnd, clauseStart } from "./words.ts";

/**
 * Whether a sentence asserts the values in it. An extracted fact is shown as a direct answer,
 * so a value the text denies ("will not be completed before 2030"), reports as someone's wrong
 * claim ("critics wrongly claimed 5,000 km; it is not") or only supposes ("could reach 30
 * berths if approved", "plans to invest", "may move") must not become one: the passage still
 * says it, in its own words.
 */

/** Negation in the clause holding the value; "not only" affirms. */
const NEGATION = /\b(?:not(?!\s+only\b)|never|no longer|neither|nor|cannot)\b|n['’]t\b/i;
/**
 * Modals, plans and hedges in the clause holding the value. Lower case only: "May 2019" is a
 * month. "will" stays (an article's stated schedule is what it says), and so does "would",
 * which histories use for what then happened ("would be ruled for 380 years").
 */
const HEDGE =
  /\b(?:could|may|might|perhaps|possibly|probably|likely|unlikely|(?:plans?|planned|planning|aims?|aimed|hopes?|hoped|expects?|expected|intends?|intended|proposes?|proposed|wants?|wanted|seeks?|sought) to)\b/;
/**
 * A condition before the value in its part of the sentence ("If approved, the port will have
 * 30 berths"); one after it ("fees of £30m, more if targets are met") qualifies something else.
 */
const CONDITION = /\b(?:[Ii]f|[Uu]nless|[Pp]rovided that)\b/;
/** The sentence reports a claim as wrong or unconfirmed, or denies one after it. */
const DISPUTED =
  /\b(?:wrongly|falsely|mistakenly|allegedly|supposedly|rumou?red|disputed|denied|denies)\b|(?:^|[;,:–—]\s*)(?:it|this|that|which)\s+(?:is|was)\s+(?:not|untrue|false|wrong)\b/i;

/**
 * Whether `sentence` asserts the value written at `start`–`end` of it; `part` is the stretch of
 * the sentence (up to a semicolon) the value belongs to.
 */
export function isAsserted(
  sentence: string,
  start: number,
  end: number,
  part: { start: number; end: number } = { start: 0, end: sentence.length },
): boolean {
  if (DISPUTED.test(sentence)) return false;
  if (CONDITION.test(sentence.slice(part.start, start))) return false;
  const clause = sentence.slice(
    clauseStart(sentence, start, part.start),
    clauseEnd(sentence, end, part.end),
  );
  return !NEGATION.test(clause) && !HEDGE.test(clause);
}

/**
 * The parts of a sentence that say things of their own subject: "Gwadar has 5 berths; the
 * Chabahar port has 10" is two, and the 10 is Chabahar's. Split at semicolons and at ", while" /
 * ", whereas"; each part starts after its conjunction.
 */
export function sentenceParts(sentence: string): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  const breaks = /;\s*|,\s+(?:while|whereas)\s+/g;
  let start = 0;
  for (const match of sentence.matchAll(breaks)) {
    parts.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  parts.push({ start, end: sentence.length });
  return parts.filter((p) => sentence.slice(p.start, p.end).trim() !== "");
}
