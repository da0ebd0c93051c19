import { sha256 } from "../knowledge/hash.ts";
import { computeMinHash, estimateSimilarity } from "./minhash.ts";
import { normaliseArticleUrl } from "./normalise-url.ts";
import { textWords } from "./plain-text.ts";

/** What de-duplication keeps of an article's text. */
export interface ArticleFingerprint {
  /** sha256 of the body's words, lower-cased and diacritics folded: equal for the same text. */
  textHash: string;
  /** MinHash of its 3-word shingles (minhash.ts): close for near-duplicates. */
  minHash: string;
}

/** An article as de-duplication sees it: its address, if any, and fingerprint. */
export interface DuplicateCandidate {
  url?: string;
  fingerprint: ArticleFingerprint;
}

export type DuplicateKind = "same-url" | "same-text" | "near-duplicate";

export interface Duplicate<T> {
  kind: DuplicateKind;
  match: T;
  /** Estimated share of shared shingles (1 for the same url or text). */
  similarity: number;
}

/**
 * Estimated Jaccard similarity from which two texts are the same story: a wire copy with other
 * furniture and a paragraph changed scores about 0.7–0.9, two stories on one subject under 0.1
 * (test/ingest/duplicates.test.ts, on the fixture pages).
 */
export const DEFAULT_NEAR_DUPLICATE_SIMILARITY = 0.5;

export function fingerprintArticle(paragraphs: readonly string[]): ArticleFingerprint {
  const words = paragraphs.flatMap(textWords);
  return { textHash: sha256(words.join(" ")), minHash: computeMinHash(words) };
}

/**
 * The first known article that `candidate` duplicates: by normalised url, then the same text,
 * then the most similar near-duplicate at or above `threshold`.
 */
export function findDuplicate<T extends DuplicateCandidate>(
  candidate: DuplicateCandidate,
  existing: readonly T[],
  threshold = DEFAULT_NEAR_DUPLICATE_SIMILARITY,
): Duplicate<T> | undefined {
  const url = candidate.url === undefined ? undefined : normaliseArticleUrl(candidate.url);
  const sameUrl =
    url === undefined
      ? undefined
      : existing.find((known) => known.url !== undefined && normaliseArticleUrl(known.url) === url);
  if (sameUrl !== undefined) return { kind: "same-url", match: sameUrl, similarity: 1 };
  const { textHash, minHash } = candidate.fingerprint;
  const sameText = existing.find((known) => known.fingerprint.textHash === textHash);
  if (sameText !== undefined) return { kind: "same-text", match: sameText, similarity: 1 };
  let best: Duplicate<T> | undefined;
  for (const known of existing) {
    const similarity = estimateSimilarity(minHash, known.fingerprint.minHash);
    if (similarity >= threshold && similarity > (best?.similarity ?? 0)) {
      best = { kind: "near-duplicate", match: known, similarity };
    }
  }
  return best;
}
