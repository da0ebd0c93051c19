import type { TextRange } from "../knowledge/normalise.ts";
import { sentenceRanges } from "../knowledge/sentences.ts";
import { extractTerms, type TermToken } from "./terms.ts";

/** A passage's terms and sentences: what ranking by sentence and snippets read. */
export interface PassageAnalysis {
  terms: TermToken[];
  sentences: TextRange[];
  /** The distinct terms of each sentence. */
  sentenceTerms: ReadonlySet<string>[];
}

// Answers cite the same passages again and again: keep the analyses of the recent ones.
const analyses = new Map<string, PassageAnalysis>();
const MAX_ANALYSES = 2_000;

/** The passage's analysis, worked out once per passage text while it stays recent. */
export function analysePassage(text: string): PassageAnalysis {
  const known = analyses.get(text);
  if (known) return known;
  const terms = extractTerms(text);
  const sentences = sentenceRanges(text);
  const sentenceTerms = sentences.map(
    (r) => new Set(terms.filter((t) => t.start >= r.start && t.end <= r.end).map((t) => t.term)),
  );
  const analysis = { terms, sentences, sentenceTerms };
  if (analyses.size >= MAX_ANALYSES) analyses.delete(analyses.keys().next().value as string);
  analyses.set(text, analysis);
  return analysis;
}
