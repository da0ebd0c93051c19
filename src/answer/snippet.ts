import { analysePassage } from "../search/passage-analysis.ts";
import { TermFinder } from "../search/term-finder.ts";
import type { TextRange } from "../text/normalise.ts";
import { sentenceRanges } from "../text/sentences.ts";
import type { Mark } from "./types.ts";

export interface SnippetOptions {
  /** Longest snippet, in characters; a longer sentence is cut at word boundaries. */
  maxLength: number;
}

/** About two sentences of news prose: enough to read the answer, short enough to scan. */
export const DEFAULT_SNIPPET_OPTIONS: SnippetOptions = { maxLength: 300 };

export interface Snippet {
  /** A verbatim piece of the passage. */
  text: string;
  marks: Mark[];
}

/**
 * The passage's best sentence for the matched terms, widened with neighbouring sentences while
 * it fits. `focus`, when given (a fact's quote), must be inside the snippet.
 */
export function makeSnippet(
  passage: string,
  matchedTerms: ReadonlySet<string>,
  focus?: TextRange,
  options: Partial<SnippetOptions> = {},
): Snippet {
  const { maxLength } = { ...DEFAULT_SNIPPET_OPTIONS, ...options };
  // Nothing to mark (each value of a disagreement, cited by its quote): the sentences will do,
  // and reading every word of dozens of passages made a broad question's answer 4 ms.
  const sentences =
    matchedTerms.size === 0 ? sentenceRanges(passage) : analysePassage(passage).sentences;
  const matches = findMatches(passage, matchedTerms);
  const scores =
    focus !== undefined
      ? sentences.map((r) => overlap(r, focus))
      : countMatchedBySentence(matches, sentences);
  let best = 0;
  scores.forEach((score, i) => {
    if (score > (scores[best] ?? 0)) best = i;
  });
  let range: TextRange = sentences[best] ?? { start: 0, end: passage.length };
  if (focus !== undefined)
    range = { start: Math.min(range.start, focus.start), end: Math.max(range.end, focus.end) };
  range = widen(range, sentences, maxLength, (i) => (scores[i] ?? 0) > 0);
  if (range.end - range.start > maxLength)
    range = cut(passage, range, focus ?? matches.find((m) => inside(m, range)), maxLength);
  const text = passage.slice(range.start, range.end);
  const marks = matches
    .filter((m) => inside(m, range))
    .map((m) => [m.start - range.start, m.end - range.start] as const);
  return { text, marks };
}

/** Where the passage says one of the matched terms. */
interface Match extends TextRange {
  /** Which of the matched terms (in the set's order). */
  term: number;
}

/**
 * The passage's occurrences of the matched terms, in text order: only these are marked and
 * counted, so the passage's other words need not become terms (reading every word of the
 * passages shown was most of an answer's garbage).
 */
function findMatches(passage: string, matchedTerms: ReadonlySet<string>): Match[] {
  if (matchedTerms.size === 0) return [];
  const found = new TermFinder([...matchedTerms], [], { exact: true }).find(passage);
  return found.terms
    .map((term, k) => ({
      term,
      start: found.starts[k] as number,
      end: found.ends[k] as number,
    }))
    .sort((a, b) => a.start - b.start);
}

/**
 * How many distinct matched terms each sentence has. A term belongs to the first sentence that
 * ends at or after its end, if it starts inside it: matches and sentences both run in text
 * order, so one pass places them all.
 */
function countMatchedBySentence(
  matches: readonly Match[],
  sentences: readonly TextRange[],
): number[] {
  const counts = sentences.map(() => 0);
  // The last sentence each term was counted in: a term is counted once a sentence.
  const countedIn = new Map<number, number>();
  let s = 0;
  for (const m of matches) {
    while (s < sentences.length && (sentences[s] as TextRange).end < m.end) s++;
    const r = sentences[s];
    if (r === undefined) break;
    if (m.start < r.start || countedIn.get(m.term) === s) continue;
    countedIn.set(m.term, s);
    counts[s] = (counts[s] as number) + 1;
  }
  return counts;
}

/** Adds neighbouring sentences, matching ones first, while the snippet stays within the limit. */
function widen(
  range: TextRange,
  sentences: readonly TextRange[],
  maxLength: number,
  matches: (sentence: number) => boolean,
): TextRange {
  let { start, end } = range;
  let before = sentences.findIndex((s) => s.end > start) - 1;
  let after = sentences.findIndex((s) => s.start >= end);
  if (after < 0) after = sentences.length;
  for (const preferMatching of [true, false]) {
    let grew = true;
    while (grew) {
      grew = false;
      const next = sentences[after];
      if (next && next.end - start <= maxLength && (!preferMatching || matches(after))) {
        end = next.end;
        after++;
        grew = true;
      }
      const prev = before >= 0 ? sentences[before] : undefined;
      if (prev && end - prev.start <= maxLength && (!preferMatching || matches(before))) {
        start = prev.start;
        before--;
        grew = true;
      }
    }
  }
  return { start, end };
}

/** A window of at most `maxLength` around `focus`, cut at spaces. */
function cut(
  text: string,
  range: TextRange,
  focus: TextRange | undefined,
  maxLength: number,
): TextRange {
  const centre = focus ? Math.floor((focus.start + focus.end) / 2) : range.start;
  let start = Math.max(
    range.start,
    Math.min(centre - Math.floor(maxLength / 3), range.end - maxLength),
  );
  let end = Math.min(range.end, start + maxLength);
  if (start > range.start) {
    const space = text.indexOf(" ", start);
    if (space >= 0 && space < end) start = space + 1;
  }
  if (end < range.end) {
    const space = text.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  return { start, end: trimEndPunctuationSpace(text, start, end) };
}

function trimEndPunctuationSpace(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s,;:(–-]/.test(text.charAt(e - 1))) e--;
  return e;
}

function inside(t: TextRange, r: TextRange): boolean {
  return t.start >= r.start && t.end <= r.end;
}

function overlap(a: TextRange, b: TextRange): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}
