import { foldKeepingOffsets } from "../text/fold.ts";
import type { TextRange } from "../text/normalise.ts";
import { sentenceRanges } from "../text/sentences.ts";

/**
 * What ranking by sentence and snippets read of a passage: its folded text and its sentences,
 * each worked out when first read (most passages ranked by sentence need no sentences).
 */
export class PassageAnalysis {
  private foldedText: string | undefined;
  private sentenceList: readonly TextRange[] | undefined;

  constructor(private readonly text: string) {}

  /** `foldKeepingOffsets` of the text: offsets in it are offsets in the text. */
  get folded(): string {
    this.foldedText ??= foldKeepingOffsets(this.text);
    return this.foldedText;
  }

  get sentences(): readonly TextRange[] {
    this.sentenceList ??= sentenceRanges(this.text);
    return this.sentenceList;
  }
}

// Ranking by sentence reads the best twenty passages of an answer, and its snippets and its
// "more results" page read some of them again: keep the last few. Only a few: at 100,000
// passages a fresh question seldom meets an old one, and a large cache of young objects made
// every garbage collection copy it (2.5 MB, 3-5 ms each).
const analyses = new Map<string, PassageAnalysis>();
const MAX_ANALYSES = 64;

/** The passage's analysis, worked out once per passage text while it stays recent. */
export function analysePassage(text: string): PassageAnalysis {
  const known = analyses.get(text);
  if (known) return known;
  const analysis = new PassageAnalysis(text);
  if (analyses.size >= MAX_ANALYSES) analyses.delete(analyses.keys().next().value as string);
  analyses.set(text, analysis);
  return analysis;
}

/**
 * The index of the sentence that holds the offset `at`, or -1 when none does (the space between
 * two sentences). Sentences run in text order and never overlap.
 */
export function sentenceAt(sentences: readonly TextRange[], at: number): number {
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const r = sentences[mid] as TextRange;
    if (at < r.start) high = mid - 1;
    else if (at >= r.end) low = mid + 1;
    else return mid;
  }
  return -1;
}
