/**
 * Acronyms a text teaches: "liquefied natural gas (LNG)", "NEPRA (National Electric Power
 * Regulatory Authority)", or an article that writes "Karachi Port Trust" in one place and
 * "KPT" in another. Read from the knowledge itself, so a question may use either form.
 */

import { runSteps, type Steps } from "../util/cooperative.ts";
import { grown } from "../util/grown.ts";

/** An acronym as written ("LNG") and the words it stands for, as written. */
export interface AcronymPair {
  acronym: string;
  longForm: string;
}

/** Short words a long form may have that its acronym skips ("State Bank of Pakistan", SBP). */
const SKIPPED = new Set(["of", "and", "the", "for", "in", "on", "to", "de", "&"]);

/** Acronyms this long, in capitals: a single letter is an initial, a longer run a shout. */
const ACRONYM = /\b\p{Lu}[\p{Lu}\d&]{1,7}\b/gu;
const DEFINED_AFTER = /\(\s*(\p{Lu}[\p{Lu}&]{1,7})\s*\)/gu;
const DEFINED_BEFORE = /\b(\p{Lu}[\p{Lu}&]{1,7})\s*\(([^()]{3,120})\)/gu;
const WORD = /[\p{L}&]+/gu;

/**
 * Acronyms of one text whose long forms are looked for among its capitalised words: each is a
 * pass over the text, and no article defines more than a few dozen.
 */
const MAX_ACRONYMS_SEARCHED = 64;

/** Most words a long form has: an acronym's letters plus a few skipped words. */
const MAX_EXTRA_WORDS = 3;

/**
 * Pairs the text defines with parentheses, either way round, and pairs whose long form it
 * writes in capitalised words elsewhere ("Karachi Port Trust" … "KPT"). Linear in the text
 * times the number of distinct acronyms in it, which is small.
 */
export function findAcronyms(text: string): AcronymPair[] {
  return runSteps(findAcronymSteps(text));
}

/**
 * `findAcronyms` as steps: one for the definitions, then one per acronym looked for, each a
 * pass over the text; an article of a thousand passages must not hold the event loop for all.
 */
export function* findAcronymSteps(text: string): Steps<AcronymPair[]> {
  const found = new Map<string, AcronymPair>();
  const keep = (pair: AcronymPair | undefined) => {
    if (pair !== undefined) found.set(`${pair.acronym}\n${pair.longForm.toLowerCase()}`, pair);
  };
  for (const match of text.matchAll(DEFINED_AFTER)) {
    const acronym = match[1] as string;
    const before = text.slice(Math.max(0, match.index - 200), match.index);
    keep(longFormEnding(acronym, wordsOf(before), false));
  }
  for (const match of text.matchAll(DEFINED_BEFORE)) {
    const acronym = match[1] as string;
    keep(longFormStarting(acronym, wordsOf(match[2] as string)));
  }
  yield;
  const acronyms = [
    ...new Set([...text.matchAll(ACRONYM)].map((m) => m[0]).filter(isAcronym)),
  ].slice(0, MAX_ACRONYMS_SEARCHED);
  const words = acronyms.length > 0 ? wordsIn(text) : wordsIn("");
  const starts = acronyms.length > 0 ? longFormStarts(words) : new Map<string, number[]>();
  for (const acronym of acronyms) {
    yield;
    if ([...found.values()].some((p) => p.acronym === acronym)) continue;
    keep(capitalisedLongForm(acronym, words, starts));
  }
  return [...found.values()];
}

function isAcronym(word: string): boolean {
  return /^\p{Lu}+$/u.test(word) && word.length >= 2;
}

function wordsOf(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => m[0]);
}

function lettersOf(acronym: string): string[] {
  return [...acronym.toLowerCase()].filter((c) => c !== "&");
}

/** The shortest run of words ending the list whose initials spell the acronym. */
function longFormEnding(
  acronym: string,
  words: readonly string[],
  capitalised: boolean,
): AcronymPair | undefined {
  const letters = lettersOf(acronym);
  const maxWords = letters.length + MAX_EXTRA_WORDS;
  for (let n = letters.length; n <= Math.min(maxWords, words.length); n++) {
    const run = words.slice(words.length - n);
    if (spells(run, letters, capitalised)) return { acronym, longForm: run.join(" ") };
  }
  return undefined;
}

/** The run of words starting the list whose initials spell the acronym. */
function longFormStarting(acronym: string, words: readonly string[]): AcronymPair | undefined {
  const letters = lettersOf(acronym);
  const maxWords = letters.length + MAX_EXTRA_WORDS;
  for (let n = letters.length; n <= Math.min(maxWords, words.length); n++) {
    const run = words.slice(0, n);
    if (spells(run, letters, false)) return { acronym, longForm: run.join(" ") };
  }
  return undefined;
}

/**
 * A run of capitalised words anywhere in the text whose initials spell the acronym. Not one
 * that starts a sentence, whose first capital says nothing ("Among Combinatorial …" is no
 * AC), nor one with a one-letter word ("If P" is no IP).
 */
function capitalisedLongForm(
  acronym: string,
  words: Words,
  starts: ReadonlyMap<string, readonly number[]>,
): AcronymPair | undefined {
  const letters = lettersOf(acronym);
  for (const i of starts.get(acronym[0]?.toLowerCase() ?? "") ?? []) {
    const window: string[] = [];
    const end = Math.min(words.count, i + letters.length + MAX_EXTRA_WORDS);
    for (let k = i; k < end; k++) window.push(wordAt(words, k));
    for (let n = letters.length; n <= window.length; n++) {
      const run = window.slice(0, n);
      if (run.some((w) => w.length < 2)) break;
      if (spells(run, letters, true)) return { acronym, longForm: run.join(" ") };
    }
  }
  return undefined;
}

/**
 * The words a capitalised long form may start at (capitalised, not a sentence's first) by
 * their first letter, lower-cased: found once for all the text's acronyms.
 */
function longFormStarts(words: Words): Map<string, number[]> {
  const { text } = words;
  const starts = new Map<string, number[]>();
  for (let i = 0; i < words.count; i++) {
    const word = wordAt(words, i);
    const index = words.starts[i] as number;
    if (!/^\p{Lu}\p{Ll}/u.test(word)) continue;
    if (SENTENCE_END.test(text.slice(Math.max(0, index - 3), index))) continue;
    const first = word[0]?.toLowerCase() ?? "";
    const list = starts.get(first);
    if (list === undefined) starts.set(first, [i]);
    else list.push(i);
  }
  return starts;
}

/**
 * A text's words as where they start and end: an article of a thousand passages has 85,000,
 * and as match objects they were megabytes that outlived the young generation.
 */
interface Words {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

function wordsIn(text: string): Words {
  let starts = new Int32Array(1024);
  let ends = new Int32Array(1024);
  let count = 0;
  for (const match of text.matchAll(WORD)) {
    if (count === starts.length) {
      starts = grown(starts);
      ends = grown(ends);
    }
    starts[count] = match.index;
    ends[count] = match.index + match[0].length;
    count++;
  }
  return { text, starts, ends, count };
}

function wordAt(words: Words, i: number): string {
  return words.text.slice(words.starts[i], words.ends[i]);
}

/** What stands before a sentence's first word: its start, or a full stop and a space. */
const SENTENCE_END = /(?:^|[.!?:]\s*|\n\s*)["“'(]?$/u;

/**
 * Whether the words' initials, skipping short function words inside, are the letters: the
 * first and last words must count, so "gas (LNG)" never takes in the words before it.
 */
function spells(
  words: readonly string[],
  letters: readonly string[],
  capitalised: boolean,
): boolean {
  const counted = words.filter(
    (w, k) => k === 0 || k === words.length - 1 || !SKIPPED.has(w.toLowerCase()),
  );
  if (counted.length !== letters.length) return false;
  return counted.every((w, k) => {
    if (w.toLowerCase()[0] !== letters[k]) return false;
    if (SKIPPED.has(w.toLowerCase())) return false;
    return !capitalised || /^\p{Lu}/u.test(w);
  });
}
