import {
  DETERMINERS,
  FRONTING,
  NAME_JOINERS,
  PREPOSITIONS,
  PRONOUNS,
  STOP_WORDS,
  VERBS,
} from "./lexicon.ts";
import { clauseStart, isCapitalised, isClauseBreak, type Word, wordsOf } from "./words.ts";

/**
 * A sentence's grammatical subject, found by shape: "pronoun" (it, they) and "definite" (the line,
 * that extension) need the text before them to mean anything; "named" stands on its own.
 */
export interface Mention {
  text: string;
  start: number;
  end: number;
  kind: "pronoun" | "definite" | "named";
}

const RELATIVES = new Set(["which", "who", "whom", "whose", "that", "where", "when"]);
const LEADING_FILLER = new Set([
  ...RELATIVES,
  ..."is are was were be been being has have had also then later first still now both and but or it they he she"
    .split(" ")
    .filter(Boolean),
]);
/** Words that join a clause to the one before it: never the start of its subject. */
const CONJUNCTIONS = new Set(["and", "but", "or", "nor", "yet", "so"]);
/**
 * A sentence adverb that may open a fronted phrase ("Geographically, …", "Usually, …"): seven
 * letters at least, so that names like "Sally" are not read as one.
 */
const SENTENCE_ADVERB = /^(?=[a-z]{7,}$)[a-z]+(?:ally|ently|ously|ively|arly)$/;
const MAX_SUBJECT_WORDS = 8;
const MAX_PREDICATE_WORDS = 5;
/** How far into a sentence a fronted phrase may run before its comma. */
const MAX_FRONTED_CHARS = 120;
const SUBJECT_WINDOW_CHARS = MAX_FRONTED_CHARS + 120;

const lower = (word: Word) => word.text.toLowerCase();

function isVerbLike(word: Word, index: number): boolean {
  const w = lower(word);
  if (VERBS.has(w)) return true;
  return index > 0 && !isCapitalised(word.text) && w.length > 4 && /(?:ed|ing)$/.test(w);
}

/** Whether a clause break lies between two words. */
function brokenBetween(text: string, a: Word, b: Word): boolean {
  for (let i = a.end; i < b.start; i++) if (isClauseBreak(text, i)) return true;
  return false;
}

/** Index of the first word after any fronted phrases ("In 1066, …", "Following the merger, …"). */
function skipFronted(text: string, words: readonly Word[]): number {
  let i = 0;
  for (let round = 0; round < 3; round++) {
    const first = words[i];
    if (first === undefined) return i;
    const w = lower(first);
    const fronted = FRONTING.has(w) || /^[a-z]+(?:ed|ing)$/.test(w) || SENTENCE_ADVERB.test(w);
    if (!fronted) return i;
    let j = i + 1;
    while (j < words.length) {
      const prev = words[j - 1] as Word;
      const next = words[j] as Word;
      if (next.start - first.start > MAX_FRONTED_CHARS) return i;
      if (brokenBetween(text, prev, next) && text.slice(prev.end, next.start).includes(",")) break;
      j++;
    }
    if (j >= words.length) return i;
    i = j;
  }
  return i;
}

/** The subject of a sentence, or undefined when its shape is not one this reader knows. */
export function findSubject(text: string): Mention | undefined {
  // The subject and any fronted phrase sit in the opening of the sentence.
  const words = wordsOf(text, 0, SUBJECT_WINDOW_CHARS);
  let i = skipFronted(text, words);
  while (words[i] !== undefined && CONJUNCTIONS.has(lower(words[i] as Word))) i++;
  const first = words[i];
  // A fronted phrase without its comma ("In April 1191 Richard …"): no telling where it ends.
  if (first === undefined || FRONTING.has(lower(first))) return undefined;
  if (/^\d/.test(first.text)) return undefined;
  if (PRONOUNS.has(lower(first)) && !DETERMINERS.has(lower(first))) {
    return { text: first.text, start: first.start, end: first.end, kind: "pronoun" };
  }
  let determiner = false;
  if (DETERMINERS.has(lower(first))) {
    const next = words[i + 1];
    // "This is …", "It …": a pronoun standing alone.
    if (next === undefined || isVerbLike(next, 1)) {
      return { text: first.text, start: first.start, end: first.end, kind: "pronoun" };
    }
    determiner = true;
    i++;
  }
  const taken: Word[] = [];
  let named = false;
  for (let j = i; j < words.length && taken.length < MAX_SUBJECT_WORDS; j++) {
    const word = words[j] as Word;
    const w = lower(word);
    const prev = taken[taken.length - 1];
    if (prev !== undefined && brokenBetween(text, prev, word)) break;
    if (RELATIVES.has(w) || isVerbLike(word, taken.length)) break;
    // "The 1,931km pipeline": a measure inside the phrase is a value, not part of its name.
    if (/^\d/.test(word.text)) continue;
    const capital = isCapitalised(word.text);
    if (named && !capital && !NAME_JOINERS.has(w) && !/[’']s$/.test(prev?.text ?? "")) break;
    if (!capital && PREPOSITIONS.has(w) && !NAME_JOINERS.has(w)) break;
    if (capital && (j > 0 || determiner)) named = true;
    if (capital && j === 0 && !FRONTING.has(w) && !DETERMINERS.has(w)) named = true;
    taken.push(word);
  }
  while (taken.length > 0 && NAME_JOINERS.has(lower(taken[taken.length - 1] as Word))) taken.pop();
  const head = taken[0];
  const last = taken[taken.length - 1];
  if (head === undefined || last === undefined) return undefined;
  // "More than 50% of …", "Two of the lines …", "Other faults include …": a capital on a
  // function word is only the sentence's, and the sentence names no subject of its own.
  if (taken.every((word) => STOP_WORDS.has(lower(word)))) return undefined;
  const kind = named ? "named" : determiner && taken.length <= 2 ? "definite" : "named";
  return { text: text.slice(head.start, last.end), start: head.start, end: last.end, kind };
}

/** Drops function words from both ends of a word list. */
function trimWords(words: Word[]): Word[] {
  let a = 0;
  let b = words.length;
  while (a < b && LEADING_FILLER.has(lower(words[a] as Word))) a++;
  while (b > a && PREPOSITIONS.has(lower(words[b - 1] as Word))) b--;
  return words.slice(a, b);
}

function spanOf(text: string, words: readonly Word[]): string {
  const first = words[0];
  const last = words[words.length - 1];
  return first === undefined || last === undefined ? "" : text.slice(first.start, last.end);
}

/**
 * The predicate leading up to a value in its clause, function words trimmed: "which was due to be
 * completed in 2014" → "due to be completed". Never reaches back past `floor` (the subject).
 */
export function predicateBefore(text: string, valueStart: number, floor = 0): string {
  const from = Math.max(floor, clauseStart(text, valueStart));
  const words = wordsOf(text, from, valueStart).filter((w) => w.end <= valueStart);
  return spanOf(text, trimWords(trimWords(words).slice(-MAX_PREDICATE_WORDS)));
}

/**
 * The predicate after a subject, up to the first preposition or clause break: "In 1066, Duke
 * William conquered England" → "conquered England".
 */
export function predicateAfter(text: string, from: number): string {
  const words = wordsOf(text, from);
  const taken: Word[] = [];
  for (const word of words) {
    const prev = taken[taken.length - 1];
    if (prev !== undefined && brokenBetween(text, prev, word)) break;
    if (taken.length >= MAX_PREDICATE_WORDS) break;
    const w = lower(word);
    if (
      taken.some((t) => !LEADING_FILLER.has(lower(t))) &&
      PREPOSITIONS.has(w) &&
      !DETERMINERS.has(w)
    )
      break;
    if (/^\d/.test(w)) break;
    taken.push(word);
  }
  return spanOf(text, trimWords(taken));
}
