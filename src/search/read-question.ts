import { QUESTION_ONLY_STOP_WORDS } from "../text/stop-words.ts";
import { extractTerms, type TermToken } from "../text/terms.ts";
import { type AliasTable, type Concept, toConcepts } from "./aliases.ts";
import type { Correction } from "./typos.ts";

/** The question as search reads it: its concepts, and what each concept's words are. */
export interface QuestionReading {
  /** The part of the question that was read (all of it unless `truncated`). */
  read: string;
  /** The concepts asked, at most `maxConcepts`. */
  concepts: Concept[];
  /** Each term's word as typed. Alias words have no typed form. */
  typed: ReadonlyMap<string, string>;
  /** Corrections of a term the index lacks, closest first, each looked up once. */
  correct(term: string): Correction[];
  /** Whether the concept is asked as a name ("DTIME", a capital inside the question). */
  isName(concept: Concept): boolean;
  /** Whether the concept says what kind of answer is wanted: the word after "how". */
  isForm(concept: Concept): boolean;
  /** True when the question was longer than `maxQuestionLength` or `maxConcepts` and was cut. */
  truncated: boolean;
}

export interface ReadingContext {
  aliases: AliasTable;
  isKnown(term: string): boolean;
  /** Corrections of a word as typed, closest first. */
  correctWord(word: string): Correction[];
  maxQuestionLength: number;
  maxConcepts: number;
}

/** Reads the question's concepts, its names and what it asks for. */
export function readQuestion(question: string, context: ReadingContext): QuestionReading {
  const read = question.slice(0, context.maxQuestionLength);
  const tokens = dropQuestionOnlyWords(extractTerms(read));
  // Typos are corrected from the word as typed; alias words have no typed form: their term.
  const typed = new Map(tokens.map((t) => [t.term, t.word]));
  const corrections = new Map<string, Correction[]>();
  const correct = (term: string) => {
    let found = corrections.get(term);
    if (found === undefined) {
      found = context.correctWord(typed.get(term) ?? term);
      corrections.set(term, found);
    }
    return found;
  };
  // A misspelled stop word ("throuh") is a stop word, not a topic the index lacks.
  const allConcepts = toConcepts(
    tokens.map((t) => t.term),
    context.aliases,
  ).filter(
    ({ asked }) =>
      !(
        asked.length === 1 &&
        !context.isKnown(asked[0] as string) &&
        isStopWordTypo(correct(asked[0] as string))
      ),
  );
  const concepts = allConcepts.slice(0, context.maxConcepts);
  return {
    read,
    concepts,
    typed,
    correct,
    isName: namesIn(read, tokens),
    // "How long…", "how many…" ask for a quantity: the word after "how" still finds "length",
    // but a passage that gives the number need not repeat it.
    isForm: askedFormIn(read, tokens),
    truncated: read.length < question.length || allConcepts.length > concepts.length,
  };
}

/**
 * Words that only questions use to ask ("what type of…", "the name of…"): dropped when the
 * question has other words, since the passage that answers seldom repeats them.
 */
function dropQuestionOnlyWords(tokens: TermToken[]): TermToken[] {
  const kept = tokens.filter((t) => !QUESTION_ONLY_STOP_WORDS.has(t.word));
  return kept.length > 0 ? kept : tokens;
}

/**
 * Concepts asked as names: a capitalised word after the question's first word, or a word in
 * capitals ("DTIME", "NATO"). Read from the question as typed.
 */
function namesIn(question: string, tokens: readonly TermToken[]): (concept: Concept) => boolean {
  const firstLetter = question.search(/\p{L}/u);
  const named = new Set<string>();
  for (const t of tokens) {
    const text = question.slice(t.start, t.end);
    const capital = /^\p{Lu}/u.test(text);
    const allCaps = text.length > 1 && text === text.toUpperCase() && /\p{Lu}/u.test(text);
    if ((capital && t.start > firstLetter) || allCaps) named.add(t.term);
  }
  return (concept) => concept.asked.some((term) => named.has(term));
}

/** Concepts that say what kind of answer is wanted: the word after "how" ("how long"). */
function askedFormIn(
  question: string,
  tokens: readonly TermToken[],
): (concept: Concept) => boolean {
  const form = new Set(
    tokens.filter((t) => /\bhow\s+$/i.test(question.slice(0, t.start))).map((t) => t.term),
  );
  return (concept) => concept.asked.length === 1 && form.has(concept.asked[0] as string);
}

function isStopWordTypo(corrections: readonly Correction[]): boolean {
  const [closest] = corrections;
  return closest !== undefined && closest.term === null;
}
