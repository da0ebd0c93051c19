import { compareTerms } from "./compare-terms.ts";

/**
 * Words with a value each, kept in code-unit order and searched as the trie they spell: what
 * MiniSearch's `SearchableMap` gave the index's vocabulary and the typo corrector (`get`,
 * `has`, prefixes, `fuzzyGet`), without building a tree. At 100,000 passages the trees took
 * 60-100 ms of every start (31,000 terms) and 120 ms of the first misspelled question (44,000
 * words); sorting the same words takes a fraction of that, and a fraction of the memory.
 */
export class SortedVocabulary<T> {
  /**
   * Per word, how many first letters it shares with the word before (at most 255): made when
   * first needed after a change, read by `fuzzyGet` to skip a branch word by word, where a
   * binary search per branch made lookups three to five times slower than the radix tree's.
   */
  private shared: Uint8Array | undefined;

  private constructor(
    private readonly keys: string[],
    private readonly values: T[],
  ) {}

  /**
   * The entries, a later value of the same word replacing an earlier one (as `Map` does): taken
   * as they are when in order already (an index's words are stored so), else sorted.
   */
  static from<T>(entries: Iterable<readonly [string, T]>): SortedVocabulary<T> {
    const keys: string[] = [];
    const values: T[] = [];
    for (const [key, value] of entries) {
      keys.push(key);
      values.push(value);
    }
    return SortedVocabulary.of(keys, values);
  }

  /** `from` the words and their values side by side; both arrays become the vocabulary's. */
  static of<T>(keys: string[], values: T[]): SortedVocabulary<T> {
    if (isStrictlyAscending(keys)) return new SortedVocabulary(keys, values);
    // Equal words stay in the order given, so that the last one given is the one kept.
    const order = keys
      .map((_, i) => i)
      .sort((a, b) => compareTerms(keys[a] as string, keys[b] as string) || a - b);
    const sortedKeys: string[] = [];
    const sortedValues: T[] = [];
    for (const i of order) {
      if (sortedKeys.length > 0 && sortedKeys[sortedKeys.length - 1] === keys[i]) {
        sortedValues[sortedValues.length - 1] = values[i] as T;
      } else {
        sortedKeys.push(keys[i] as string);
        sortedValues.push(values[i] as T);
      }
    }
    return new SortedVocabulary(sortedKeys, sortedValues);
  }

  get size(): number {
    return this.keys.length;
  }

  has(key: string): boolean {
    return this.keys[this.lowerBound(key)] === key;
  }

  get(key: string): T | undefined {
    const at = this.lowerBound(key);
    return this.keys[at] === key ? this.values[at] : undefined;
  }

  /** The words that start with `prefix` (itself included), in order. */
  keysWithPrefix(prefix: string): string[] {
    const from = this.lowerBound(prefix);
    return this.keys.slice(from, this.endOfPrefix(prefix, from));
  }

  set(key: string, value: T): void {
    const at = this.lowerBound(key);
    if (this.keys[at] === key) {
      this.values[at] = value;
      return;
    }
    this.keys.splice(at, 0, key);
    this.values.splice(at, 0, value);
    this.shared = undefined;
  }

  /**
   * Every word within `maxDistance` edits (Levenshtein) of `query`, with its value and
   * distance: MiniSearch's fuzzy search (a Levenshtein matrix whose rows follow the trie), with
   * the trie's branches read off the sorted words. A branch whose row is out of reach skips
   * every word that starts with it.
   */
  fuzzyGet(query: string, maxDistance: number): Map<string, [T, number]> {
    const results = new Map<string, [T, number]>();
    const { keys, values } = this;
    const n = query.length + 1;
    // A word longer than the query by more than maxDistance is out of reach.
    const m = n + maxDistance;
    const matrix = new Uint8Array(m * n).fill(maxDistance + 1);
    for (let j = 0; j < n; ++j) matrix[j] = j;
    for (let i = 1; i < m; ++i) matrix[i * n] = i;
    const shared = this.sharedPrefixes();
    // The matrix's rows hold the word before as far as it was read (`filled`): a word starts
    // from the row after the letters it shares with it. A branch out of reach at row `row` is
    // skipped by the words that share those `row` letters with the one before.
    let filled = 0;
    for (let k = 0; k < keys.length; ) {
      const key = keys[k] as string;
      let row = Math.min(shared[k] as number, filled);
      let reachable = true;
      while (row < key.length) {
        row++;
        if (row >= m || fillRow(matrix, query, n, row, key, maxDistance) > maxDistance) {
          reachable = false;
          break;
        }
      }
      k++;
      if (!reachable) {
        filled = row - 1;
        while (k < keys.length && (shared[k] as number) >= row) k++;
        continue;
      }
      filled = row;
      const distance = matrix[row * n + n - 1] as number;
      if (distance <= maxDistance) results.set(key, [values[k - 1] as T, distance]);
    }
    return results;
  }

  private sharedPrefixes(): Uint8Array {
    if (this.shared === undefined) {
      const { keys } = this;
      const shared = new Uint8Array(keys.length);
      for (let k = 1; k < keys.length; k++) {
        shared[k] = Math.min(255, sharedPrefixLength(keys[k - 1] as string, keys[k] as string));
      }
      this.shared = shared;
    }
    return this.shared;
  }

  /** The first index at or after `from` whose word does not start with `prefix`. */
  private endOfPrefix(prefix: string, from: number): number {
    let lo = from;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as string).startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first index whose word is not before `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function isStrictlyAscending(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    if (!((keys[i - 1] as string) < (keys[i] as string))) return false;
  }
  return true;
}

function sharedPrefixLength(a: string, b: string): number {
  const most = Math.min(a.length, b.length);
  let i = 0;
  while (i < most && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Fills row `row` (the word's letter `row - 1`) of the Levenshtein matrix in the band that can
 * be within reach, as MiniSearch does; returns the row's smallest distance.
 */
function fillRow(
  matrix: Uint8Array,
  query: string,
  n: number,
  row: number,
  key: string,
  maxDistance: number,
): number {
  const char = key.charCodeAt(row - 1);
  const thisRow = n * row;
  const previousRow = thisRow - n;
  let minDistance = matrix[thisRow] as number;
  const jmin = Math.max(0, row - maxDistance - 1);
  const jmax = Math.min(n - 1, row + maxDistance);
  for (let j = jmin; j < jmax; ++j) {
    const replace = (matrix[previousRow + j] as number) + (char === query.charCodeAt(j) ? 0 : 1);
    const remove = (matrix[previousRow + j + 1] as number) + 1;
    const insert = (matrix[thisRow + j] as number) + 1;
    const distance = Math.min(replace, remove, insert);
    matrix[thisRow + j + 1] = distance;
    if (distance < minDistance) minDistance = distance;
  }
  return minDistance;
}
