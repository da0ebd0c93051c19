import { DEFAULT_SNIPPET_OPTIONS } from "./snippet.ts";
import type { AnswerResult, Citation, Mark } from "./types.ts";

/** One passage as an answer shows it: quoted once, with every fact of the answer that quotes it. */
export interface AnswerQuote {
  citation: Citation;
  /** A verbatim piece of `passage`: each fact's quote, and the passage's own snippet if it fits. */
  snippet: string;
  /** Matched terms inside `snippet`, sorted, non-overlapping. */
  marks: Mark[];
  /** Full text of the cited passage. */
  passage: string;
  /** The facts that quote this passage, in the answer's order; empty for a passage alone. */
  facts: AnswerResult[];
  /** The best score among the results shown here. */
  score: number;
}

interface Range {
  start: number;
  end: number;
}

/**
 * The results grouped by the passage they cite, in the order each passage first appears: a
 * passage quoted by two facts and found again as a passage is quoted once, its facts under it.
 * `maxLength` bounds how far a passage's own snippet may widen its facts' quote.
 */
export function quotePassages(
  results: readonly AnswerResult[],
  maxLength: number = DEFAULT_SNIPPET_OPTIONS.maxLength,
): AnswerQuote[] {
  const groups = new Map<string, AnswerResult[]>();
  for (const result of results) {
    const group = groups.get(result.citation.docId);
    if (group === undefined) groups.set(result.citation.docId, [result]);
    else group.push(result);
  }
  return [...groups.values()].map((group) => mergeGroup(group, maxLength));
}

function mergeGroup(group: readonly AnswerResult[], maxLength: number): AnswerQuote {
  const first = group[0] as AnswerResult;
  const passage = first.passage;
  const facts = group.filter((r) => r.kind === "fact");
  // Where each result's snippet sits: looked up once, read for the hull and for the marks.
  const ranges = group.map(rangeOf);
  const factRange = hull(ranges.filter((_, i) => group[i]?.kind === "fact"));
  const own = group.findIndex((r) => r.kind === "passage");
  const ownRange = own < 0 ? undefined : ranges[own];
  let range = factRange ?? ownRange ?? { start: 0, end: passage.length };
  if (factRange !== undefined && ownRange !== undefined) {
    // Every fact's quote stays whole; the passage's own sentence joins it only while it fits.
    const both = hull([factRange, ownRange]) as Range;
    if (both.end - both.start <= Math.max(maxLength, factRange.end - factRange.start)) range = both;
  }
  return {
    citation: first.citation,
    snippet: passage.slice(range.start, range.end),
    marks: mergeMarks(group, ranges, range),
    passage,
    facts,
    score: Math.max(...group.map((r) => r.score)),
  };
}

/** Where a result's snippet sits in its passage (a snippet is a verbatim piece of it). */
function rangeOf(result: AnswerResult): Range | undefined {
  const start = result.passage.indexOf(result.snippet);
  return start < 0 ? undefined : { start, end: start + result.snippet.length };
}

function hull(ranges: readonly (Range | undefined)[]): Range | undefined {
  const known = ranges.filter((r): r is Range => r !== undefined);
  if (known.length === 0) return undefined;
  return {
    start: Math.min(...known.map((r) => r.start)),
    end: Math.max(...known.map((r) => r.end)),
  };
}

/** Every result's marks inside `range`, relative to it, overlaps joined; `ranges` are `rangeOf`. */
function mergeMarks(
  group: readonly AnswerResult[],
  ranges: readonly (Range | undefined)[],
  range: Range,
): Mark[] {
  const spans = group
    .flatMap((r, i) => {
      const at = ranges[i];
      return at === undefined ? [] : r.marks.map(([s, e]) => [at.start + s, at.start + e] as const);
    })
    .filter(([s, e]) => s >= range.start && e <= range.end)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = out.at(-1);
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out.map(([s, e]) => [s - range.start, e - range.start] as const);
}

/** A quote's facts by subject, in the order each subject first comes: its name is said once. */
export function factsBySubject(
  facts: readonly AnswerResult[],
): { subject: string; facts: AnswerResult[] }[] {
  const bySubject = new Map<string, AnswerResult[]>();
  for (const fact of facts) {
    const subject = fact.fact?.subject ?? "";
    const same = bySubject.get(subject);
    if (same === undefined) bySubject.set(subject, [fact]);
    else same.push(fact);
  }
  return [...bySubject].map(([subject, same]) => ({ subject, facts: same }));
}
