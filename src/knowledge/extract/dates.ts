import type { Candidate } from "./candidate.ts";
import { predicateAfter, predicateBefore } from "./clause.ts";
import type { SentenceView } from "./context.ts";
import { MONTHS } from "./lexicon.ts";
import { clauseStart } from "./words.ts";

const ORDINAL = String.raw`\d{1,2}(?:st|nd|rd|th)`;
const ERA = String.raw`(?:\s(?:BC|BCE|AD|CE)\b)?`;
// Longest forms first: the regex engine takes the first alternative that matches at a place.
const DATE = new RegExp(
  [
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s(?:${MONTHS}),?\s\d{3,4}\b`,
    String.raw`\b(?:${MONTHS})\s\d{1,2}(?:st|nd|rd|th)?,\s\d{3,4}\b`,
    String.raw`\b(?:${MONTHS})\s\d{3,4}\b`,
    String.raw`\b(?:(?:early|mid|late)[- ])?${ORDINAL}(?:\s(?:and|or|to)\s${ORDINAL})?[- ]centur(?:y|ies)${ERA}`,
    String.raw`\b\d0[–-]\d0['’]?s\b`,
    String.raw`(?:\b|['’])\d{1,3}0['’]?s\b`,
    String.raw`\b(?:1\d{3}|20\d{2})\s?[–-]\s?(?:\d{4}|\d{2})\b`,
    String.raw`\b(?:AD|BC)\s\d{1,4}\b`,
    String.raw`\b(?:1\d{3}|20\d{2})${ERA}(?![,.]?\d)`,
    // Short years need a word that says they are years: "founded in 911", "since 75 BC".
    String.raw`(?<=\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|year|[Ff]rom)\s)\d{3}${ERA}(?![,.]?\d)`,
    String.raw`\b\d{1,4}\s(?:BC|BCE|AD|CE)\b`,
  ].join("|"),
  "gu",
);
// What stands after a year when it is a count, not a date: "2000 people".
const COUNTED_AFTER =
  /^\s(?:[a-z]+\s)?(?:people|men|women|years|km|miles|square|metres|meters|feet|troops|soldiers|votes|members|students|units|copies|homes)\b/;
// A fronted date: "In 1066, …" — the event is the main clause after it.
const FRONTED_BEFORE =
  /^(?:\s*(?:[Ii]n|[Oo]n|[Bb]y|[Ss]ince|[Dd]uring|[Ff]rom|[Uu]ntil|[Ll]ate|[Ee]arly|[Tt]he)\s)*(?:\s*(?:the|early|late|mid|first half of the|second half of the)\s)*$/;

function eventOf(view: SentenceView, start: number, end: number): string {
  const clause = clauseStart(view.text, start);
  const lead = view.text.slice(clause, start);
  if (FRONTED_BEFORE.test(lead) && view.subjectEnd > end) {
    const after = predicateAfter(view.text, view.subjectEnd);
    if (after !== "") return after;
  }
  const floor = view.subjectEnd <= start ? view.subjectEnd : 0;
  const before = predicateBefore(view.text, start, floor);
  return before === "" ? "date" : before;
}

/**
 * Dates and years of events: "due to be completed in 2014", "founded in 911", "on 22 May 2006",
 * "in the 1050s", "the 10th and 11th centuries". The attribute says what happened then.
 */
export function findDates(view: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  if (!/\d/.test(view.text)) return out;
  for (const match of view.text.matchAll(DATE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (COUNTED_AFTER.test(view.text.slice(end, end + 24))) continue;
    out.push({
      kind: "date",
      attribute: eventOf(view, start, end),
      value: match[0],
      start,
      end,
      spanStart: start,
      spanEnd: end,
    });
  }
  return out;
}
