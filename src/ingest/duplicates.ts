import { sha256 } from "../knowledge/hash.ts";
import { computeMinHash, decodeMinHash, MINHASH_SLOTS } from "./minhash.ts";
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

/** MinHash slots per LSH band: see DuplicateIndex. */
const SLOTS_PER_BAND = 2;

/** What to look a new article up by: its address, if any, and its fingerprint once read. */
export interface DuplicateQuery {
  url?: string;
  fingerprint?: ArticleFingerprint;
}

/**
 * The stored articles as de-duplication looks them up, kept in step with their store (each
 * store adds and deletes as it does): addresses normalised once when added, bodies by hash, and
 * MinHash bands (LSH): each pair of slots' values → the articles with them, so that the
 * near-duplicate check compares only the articles sharing a band, not every stored article.
 * Two articles with half their slots equal (the threshold) share one of the 32 bands with a
 * probability above 0.9999; a pair of slots rather than one keeps out the crowds of articles
 * whose minimum fell on the same boilerplate shingle.
 */
export interface DuplicateIndex<T> {
  /** Adds (or replaces) article `id`. */
  set(id: string, known: DuplicateCandidate, value: T): void;
  delete(id: string): void;
  /**
   * The first known article that `query` duplicates: by normalised url, then the same text,
   * then the most similar near-duplicate at or above `threshold` (the earliest among equals).
   */
  find(query: DuplicateQuery, threshold?: number): Duplicate<T> | undefined;
}

interface IndexEntry<T> {
  order: number;
  url: string | undefined;
  textHash: string;
  slots: Uint16Array | undefined;
  value: T;
}

export function createDuplicateIndex<T>(): DuplicateIndex<T> {
  const entries = new Map<string, IndexEntry<T>>();
  const byUrl = new Map<string, string[]>();
  const byText = new Map<string, string[]>();
  const byBand = new Map<number, string[]>();
  let added = 0;
  const bandKeys = (slots: Uint16Array) =>
    Array.from({ length: MINHASH_SLOTS / SLOTS_PER_BAND }, (_, band) => {
      const first = band * SLOTS_PER_BAND;
      return band * 2 ** 32 + (slots[first] as number) * 0x10000 + (slots[first + 1] as number);
    });
  const link = <K>(map: Map<K, string[]>, key: K, id: string) => {
    const ids = map.get(key);
    if (ids === undefined) map.set(key, [id]);
    else ids.push(id);
  };
  const unlink = <K>(map: Map<K, string[]>, key: K, id: string) => {
    const ids = map.get(key)?.filter((other) => other !== id) ?? [];
    if (ids.length === 0) map.delete(key);
    else map.set(key, ids);
  };
  const earliest = (ids: readonly string[] | undefined) => {
    let first: IndexEntry<T> | undefined;
    for (const id of ids ?? []) {
      const entry = entries.get(id);
      if (entry !== undefined && (first === undefined || entry.order < first.order)) first = entry;
    }
    return first;
  };
  const remove = (id: string) => {
    const entry = entries.get(id);
    if (entry === undefined) return;
    entries.delete(id);
    if (entry.url !== undefined) unlink(byUrl, entry.url, id);
    unlink(byText, entry.textHash, id);
    for (const key of entry.slots === undefined ? [] : bandKeys(entry.slots)) {
      unlink(byBand, key, id);
    }
  };
  const findNear = (minHash: string, threshold: number): Duplicate<T> | undefined => {
    const slots = decodeMinHash(minHash);
    if (slots === undefined) return undefined;
    const candidates = new Set<string>();
    for (const key of bandKeys(slots)) for (const id of byBand.get(key) ?? []) candidates.add(id);
    let best: { entry: IndexEntry<T>; similarity: number } | undefined;
    for (const id of candidates) {
      const entry = entries.get(id) as IndexEntry<T>;
      const similarity = countEqualSlots(slots, entry.slots as Uint16Array) / MINHASH_SLOTS;
      if (similarity < threshold) continue;
      if (
        best === undefined ||
        similarity > best.similarity ||
        (similarity === best.similarity && entry.order < best.entry.order)
      ) {
        best = { entry, similarity };
      }
    }
    return best && { kind: "near-duplicate", match: best.entry.value, similarity: best.similarity };
  };
  return {
    set(id, known, value) {
      remove(id);
      const url = known.url === undefined ? undefined : normaliseArticleUrl(known.url);
      const { textHash, minHash } = known.fingerprint;
      const slots = decodeMinHash(minHash);
      entries.set(id, { order: added++, url, textHash, slots, value });
      if (url !== undefined) link(byUrl, url, id);
      link(byText, textHash, id);
      for (const key of slots === undefined ? [] : bandKeys(slots)) link(byBand, key, id);
    },
    delete: remove,
    find(query, threshold = DEFAULT_NEAR_DUPLICATE_SIMILARITY) {
      const url = query.url === undefined ? undefined : normaliseArticleUrl(query.url);
      const sameUrl = url === undefined ? undefined : earliest(byUrl.get(url));
      if (sameUrl !== undefined) return { kind: "same-url", match: sameUrl.value, similarity: 1 };
      if (query.fingerprint === undefined) return undefined;
      const sameText = earliest(byText.get(query.fingerprint.textHash));
      if (sameText !== undefined) {
        return { kind: "same-text", match: sameText.value, similarity: 1 };
      }
      return findNear(query.fingerprint.minHash, threshold);
    },
  };
}

function countEqualSlots(a: Uint16Array, b: Uint16Array): number {
  let equal = 0;
  for (let i = 0; i < MINHASH_SLOTS; i++) if (a[i] === b[i]) equal++;
  return equal;
}
