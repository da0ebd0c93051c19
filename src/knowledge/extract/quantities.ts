import type { Candidate } from "./candidate.ts";
import {
  attributeFor,
  followsDeterminer,
  nounOfBefore,
  nounPhraseAfter,
  type SentenceView,
} from "./context.ts";
import {
  CURRENCY_AFTER,
  CURRENCY_BEFORE,
  PREPOSITIONS,
  SCALE,
  STOP_WORDS,
  UNITS,
  VERBS,
} from "./lexicon.ts";
import { looksLikeYear, NUMBER, NUMBER_WORD, numberValue } from "./numbers.ts";

const RANGE = `${NUMBER}(?:\\s?[–-]\\s?${NUMBER})?`;
const MONEY = new RegExp(
  `(?<![\\p{L}\\d])(?:(?:${CURRENCY_BEFORE})\\s?${RANGE}(?:\\s?(?:${SCALE})(?![\\p{L}]))?|${RANGE}(?:\\s(?:million|billion|trillion))?\\s(?:${CURRENCY_AFTER})\\b)`,
  "gu",
);
const SHARE = new RegExp(`(?<![\\p{L}\\d.])${NUMBER}\\s?(?:%|percent\\b|per cent\\b)`, "gu");
const UNIT_GROUPS = UNITS.map(([dimension, unit]) => `(?<${dimension.replace(" ", "_")}>${unit})`);
const MEASURE = new RegExp(
  `(?<![\\p{L}\\d.$£€])(?<number>${NUMBER}(?:\\s(?:million|billion|thousand))?|${NUMBER_WORD})(?:\\s?|-)(?:${UNIT_GROUPS.join("|")})(?![\\p{L}\\d])`,
  "giu",
);
// A number, maybe scaled, before up to two modifiers and a plural noun: "30,000 men",
// "seven metropolitan areas", "11 million customers".
const COUNT = new RegExp(
  `(?<![\\p{L}\\d.$£€])(?<number>${NUMBER}(?:\\s(?:million|billion|thousand|trillion))?|${NUMBER_WORD})\\s(?<noun>(?:[a-z][a-z-]*\\s){0,2}?(?:[a-z]+[^s\\W]s|men|women|people|children|personnel|staff|aircraft|sheep|cattle))\\b`,
  "gu",
);
const BARE = new RegExp(
  `(?<![\\p{L}\\d.$£€/-])${NUMBER}(?:\\s(?:million|billion|thousand))?(?![\\p{L}\\d/%°])`,
  "gu",
);
const NOT_COUNT_NOUNS =
  /^(?:years|months|weeks|days|hours|minutes|seconds|decades|centuries|times|percent|others|ones|was|has|is)$/;

const HAS_DIGIT = /\d/;

function isFunctionWord(word: string): boolean {
  const w = word.toLowerCase();
  return STOP_WORDS.has(w) || VERBS.has(w) || PREPOSITIONS.has(w) || /ed$/.test(w);
}
const HAS_NUMBER_WORD = new RegExp(`\\b${NUMBER_WORD}\\b`);

function candidate(
  kind: Candidate["kind"],
  match: RegExpExecArray,
  fields: Pick<Candidate, "attribute" | "value"> & Partial<Pick<Candidate, "unit" | "subject">>,
): Candidate {
  const start = match.index;
  const end = start + match[0].length;
  return { kind, ...fields, start, end, spanStart: start, spanEnd: end };
}

/** Sums of money: "$7 billion", "£1.3bn", "US$1,000,000", "20 million dollars". */
export function findMoney(view: SentenceView): Candidate[] {
  if (!HAS_DIGIT.test(view.text)) return [];
  return [...view.text.matchAll(MONEY)].map((match) =>
    candidate("money", match, {
      attribute: /\bworth\s+$/i.test(view.text.slice(0, match.index))
        ? "worth"
        : attributeFor(view, match.index, "amount"),
      value: match[0],
    }),
  );
}

/** Percentages: "75%", "10.0 per cent"; "36% of households" is a share of households. */
export function findShares(view: SentenceView): Candidate[] {
  if (!HAS_DIGIT.test(view.text)) return [];
  return [...view.text.matchAll(SHARE)].map((match) => {
    const after = /^\s+of\s+(?:the\s+)?([\p{L}-]+)(?:\s([\p{L}-]+))?/u.exec(
      view.text.slice(match.index + match[0].length),
    );
    const second = after?.[2];
    const ofWhat =
      second === undefined || isFunctionWord(second) ? after?.[1] : `${after?.[1]} ${second}`;
    return candidate("share", match, {
      attribute:
        ofWhat !== undefined && !/^(?:the|a|an)$/i.test(ofWhat)
          ? `share of ${ofWhat}`
          : attributeFor(view, match.index, "share"),
      value: match[0],
    });
  });
}

function dimensionOf(groups: Record<string, string | undefined>): [string, string] | undefined {
  for (const [dimension] of UNITS) {
    const unit = groups[dimension.replace(" ", "_")];
    if (unit !== undefined) return [dimension, unit];
  }
  return undefined;
}

/** Measures with units: "the 2,775km gas pipeline", "25 years", "1,986 m", "32 °C". */
export function findMeasures(view: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  if (!HAS_DIGIT.test(view.text) && !HAS_NUMBER_WORD.test(view.text)) return out;
  for (const match of view.text.matchAll(MEASURE)) {
    const groups = match.groups ?? {};
    const found = dimensionOf(groups);
    const number = groups.number;
    if (found === undefined || number === undefined) continue;
    const [dimension, written] = found;
    // "a two-day trip": the unit is written singular because it modifies a noun.
    const hyphenated = match[0].includes("-") && !/^[−-]/.test(match[0]);
    const unit =
      hyphenated && dimension === "duration" && !written.endsWith("s") ? `${written}s` : written;
    const end = match.index + match[0].length;
    const modified =
      followsDeterminer(view.text, match.index) || hyphenated
        ? nounPhraseAfter(view.text, end)
        : undefined;
    out.push(
      candidate("measure", match, {
        attribute:
          modified !== undefined
            ? dimension
            : (nounOfBefore(view.text, match.index) ?? attributeFor(view, match.index, dimension)),
        value: numberValue(number),
        unit,
        ...(modified === undefined ? {} : { subject: modified }),
      }),
    );
  }
  return out;
}

/** Counts of things: "an army of 30,000 men" (army: 30,000 men), "10 counties" (number of counties). */
export function findCounts(view: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  if (!HAS_DIGIT.test(view.text) && !HAS_NUMBER_WORD.test(view.text)) return out;
  for (const match of view.text.matchAll(COUNT)) {
    const number = match.groups?.number ?? "";
    const noun = (match.groups?.noun ?? "").trim();
    const head = noun.split(" ").pop() ?? noun;
    if (looksLikeYear(number) || NOT_COUNT_NOUNS.test(head)) continue;
    // "the two neighbours", "both sides": a number word after a determiner points back, it counts nothing new.
    if (
      /^\p{L}/u.test(number) &&
      /\b(?:the|these|those|its|their|his|her|both|all)\s+$/i.test(
        view.text.slice(Math.max(0, match.index - 8), match.index),
      )
    )
      continue;
    const of = nounOfBefore(view.text, match.index);
    out.push(
      candidate("count", match, {
        attribute: of ?? `number of ${noun}`,
        value: numberValue(number),
        ...(of === undefined ? {} : { unit: noun }),
      }),
    );
  }
  return out;
}

/**
 * Numbers no other pattern claimed: "a population of 3,792,621", "ranked 37". Years, ordinals
 * and numbers inside names ("MPEG-2", "Channel 4") are left to others or out.
 */
export function findBareNumbers(view: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  if (!HAS_DIGIT.test(view.text)) return out;
  for (const match of view.text.matchAll(BARE)) {
    if (looksLikeYear(match[0])) continue;
    // "Channel 4", "Apollo 11": a number after a capitalised word is part of a name.
    const before = view.text.slice(Math.max(0, match.index - 30), match.index);
    if (/\p{Lu}[\p{L}’'-]*\s$/u.test(before) && !/^\d{1,3}(?:,\d{3})+/.test(match[0])) continue;
    const attribute = attributeFor(view, match.index, "");
    if (attribute === "") continue;
    out.push(candidate("count", match, { attribute, value: match[0] }));
  }
  return out;
}
