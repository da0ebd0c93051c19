import { predicateBefore } from "./clause.ts";
import { PREPOSITIONS, STOP_WORDS, VERBS } from "./lexicon.ts";
import { wordsOf } from "./words.ts";

/** A sentence as the pattern families read it: its text and where its subject ends. */
export interface SentenceView {
  text: string;
  /** End of the subject's mention, when the subject is written before the values. */
  subjectEnd: number;
}

// "population of", "an army of", "an increase of about": the noun a value measures.
const NOUN_OF =
  /([\p{L}][\p{L}’'-]*)\s+of\s+(?:the\s+)?(?:about\s+|around\s+|over\s+|nearly\s+|almost\s+|some\s+|approximately\s+|roughly\s+|more than\s+|less than\s+|up to\s+|just\s+|at least\s+)?$/u;
const SCALE_WORDS = /^(?:million|billion|trillion|thousand|bn|mn|m|k)\b\s*/i;
const DETERMINER_BEFORE = /(?:\b(?:the|a|an|its|their|his|her|this|that|our)|[’']s)\s+$/iu;

/** The noun right before "of <value>", unless it is a function word ("one of the …"). */
export function nounOfBefore(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 60), start);
  if (!before.includes(" of ")) return undefined;
  const match = NOUN_OF.exec(before);
  const noun = match?.[1];
  if (noun === undefined || STOP_WORDS.has(noun.toLowerCase())) return undefined;
  return noun;
}

/** Whether the value is written as a modifier after a determiner: "the 959km border". */
export function followsDeterminer(text: string, start: number): boolean {
  return DETERMINER_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}

/** The noun phrase a value modifies, up to three words: "the 2,775km gas pipeline" → "gas pipeline". */
export function nounPhraseAfter(text: string, end: number): string | undefined {
  if (!/^[\s-]/.test(text.slice(end, end + 1))) return undefined;
  const words = wordsOf(text, end).slice(0, 3);
  const kept = [];
  for (const word of words) {
    const w = word.text.toLowerCase();
    if (PREPOSITIONS.has(w) || VERBS.has(w) || /^\d/.test(w) || STOP_WORDS.has(w)) break;
    const gap = text.slice(
      kept.length === 0 ? end : (kept[kept.length - 1]?.end ?? end),
      word.start,
    );
    if (!/^[\s-]*$/.test(gap)) break;
    kept.push(word);
  }
  const first = kept[0];
  const last = kept[kept.length - 1];
  return first && last ? text.slice(first.start, last.end) : undefined;
}

/** The attribute for a value: the noun it is "of", else the predicate before it, else `fallback`. */
export function attributeFor(view: SentenceView, start: number, fallback: string): string {
  const noun = nounOfBefore(view.text, start);
  if (noun !== undefined) return noun;
  const floor = view.subjectEnd <= start ? view.subjectEnd : 0;
  // "worth $7 billion over 25 years": what follows another value is about that value.
  // "34 cities over 100,000": only the words after the other value are about this one.
  const predicate = predicateBefore(view.text, start, floor)
    .replace(/^.*\d\S*\s*/, "")
    .replace(SCALE_WORDS, "")
    .trim();
  const words = predicate.split(/\s+/);
  while (words.length > 0 && PREPOSITIONS.has((words[words.length - 1] ?? "").toLowerCase()))
    words.pop();
  const attribute = words.join(" ");
  return attribute === "" ? fallback : attribute;
}
