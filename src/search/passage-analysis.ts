import type { TextRange } from "../text/normalise.ts";
import { sentenceRanges } from "../text/sentences.ts";
import { extractTerms, type TermToken } from "../text/terms.ts";

/** A passage's terms and sentences: what ranking by sentence and snippets read. */
export interface PassageAnalysis {
  terms: TermToken[];
  sentences: TextRange[];
  /** The distinct terms of each sentence. */
  sentenceTerms: ReadonlySet<string>[];
}

// An answer's snippets and its "more results" page read the same passages: keep the analyses
// of the last few. Only a few: at 100,000 passages a fresh question seldom meets an old one, and
// a large cache of young objects made every garbage collection copy it (2.5 MB, 3-5 ms each).
const analyses = new Map<string, PassageAnalysis>();
const MAX_ANALYSES = 64;

/** The passage's analysis, worked out once per passage text while it stays recent. */
export function analysePassage(text: string): PassageAnalysis {
  const known = analyses.get(text);
  if (known) return known;
  const terms = extractTerms(text);
  const sentences = sentenceRanges(text);
  const sentenceTerms = termsBySentence(terms, sentences);
  const analysis = { terms, sentences, sentenceTerms };
  if (analyses.size >= MAX_ANALYSES) analyses.delete(analyses.keys().next().value as string);
  analyses.set(text, analysis);
  return analysis;
}

/**
 * The distinct terms inside each sentence. Terms and sentences both run in text order, so one
 * pass places every term: answering reads twenty passages this way.
 */
function termsBySentence(
  terms: readonly TermToken[],
  sentences: readonly TextRange[],
): Set<string>[] {
  const out = sentences.map(() => new Set<string>());
  const ordered = sentences.every(
    (r, i) => i === 0 || r.start >= (sentences[i - 1] as TextRange).end,
  );
  if (!ordered) {
    sentences.forEach((r, i) => {
      for (const t of terms) if (t.start >= r.start && t.end <= r.end) out[i]?.add(t.term);
    });
    return out;
  }
  let s = 0;
  for (const t of terms) {
    while (s < sentences.length && (sentences[s] as TextRange).end < t.end) s++;
    const r = sentences[s];
    if (r === undefined) break;
    if (t.start >= r.start) out[s]?.add(t.term);
  }
  return out;
}
