import type { ScaleCorpus, ScalePassage } from "./corpus.ts";
import { createRandom, pickDistinct, pickOne, type Random, randomInt, shuffle } from "./random.ts";

export type QueryKind = "known-item" | "common-word" | "typo";
export const QUERY_KINDS: readonly QueryKind[] = ["known-item", "common-word", "typo"];

export interface BenchQuery {
  kind: QueryKind;
  text: string;
  /** Passage ids that count as the right top result (all passages with the target's exact text). */
  expected?: string[];
  /** The exact text of the target passage, for engines that report text rather than ids. */
  expectedText?: string;
}

export interface QueryMixOptions {
  perKind: number;
  seed: number;
}

/** Phrases of the kind people actually type, made only of very common words. */
export const COMMON_PHRASES: readonly string[] = [
  "the new year",
  "state of the art",
  "one of the most",
  "at the same time",
  "for the first time",
  "in the united states",
  "on the other hand",
  "at the end of the day",
  "as well as",
  "the rest of the world",
  "there is no",
  "what is the",
  "how does it work",
  "it was the",
  "a number of",
  "in the past",
  "more than one",
  "the old man",
  "all of them",
  "some of the people",
  "the first time",
  "after the war",
  "the president said",
  "in the world",
  "the other day",
  "what do they know",
  "most of the time",
  "the way it is",
  "a long time ago",
  "over the years",
];

/** Words shorter than this are never picked as a known item's rarer word. */
const MIN_KEYWORD_LENGTH = 3;
/** A known item's word is drawn from the few rarest words of its sentence, not always the rarest. */
const RARE_CANDIDATES = 3;
/** Typos go into words at least this long: shorter ones become other words too easily. */
const MIN_TYPO_WORD_LENGTH = 5;
/** Common-word queries beyond the fixed phrases are spans of the most widespread words. */
const COMMON_VOCABULARY = 150;

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Lower-cased words; contractions and possessives (`wasn't`, `Atlanta's`) stay whole. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+(?:['’][a-z]+)*/g) ?? [];
}

/** A word a person would type as a keyword: letters only, not too short. */
function isKeyword(word: string): boolean {
  return word.length >= MIN_KEYWORD_LENGTH && /^[a-z]+$/.test(word);
}

/** What queries are drawn from: sentences, and passages that are sequences of them. */
export type QuerySource = Pick<ScaleCorpus, "sentences" | "passages">;

/** A sentence ends at . ! or ? (perhaps inside a closing quote) before a space and a capital. */
const SENTENCE_BREAK = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z0-9])/;

/** Cuts real passages (e.g. the seed article) into sentences, so any knowledge base can be queried. */
export function sourceFromPassages(passages: readonly { id: string; text: string }[]): QuerySource {
  const sentences: string[] = [];
  const indexOf = new Map<string, number>();
  const cut: ScalePassage[] = passages.map((p) => ({
    id: p.id,
    text: p.text,
    sentences: p.text.split(SENTENCE_BREAK).map((sentence) => {
      let i = indexOf.get(sentence);
      if (i === undefined) {
        i = sentences.push(sentence) - 1;
        indexOf.set(sentence, i);
      }
      return i;
    }),
  }));
  return { sentences, passages: cut };
}

/** Facts about the corpus the query builders share: word sets and document frequencies. */
interface CorpusStats {
  sentenceWords: Set<string>[];
  /** For each sentence, the passages (indexes) it occurs in. */
  sentencePassages: number[][];
  /** For each word, the sentences (indexes) it occurs in. */
  wordSentences: Map<string, number[]>;
  documentFrequency: Map<string, number>;
  idsByText: Map<string, string[]>;
}

function computeStats(corpus: QuerySource): CorpusStats {
  const sentenceWords = corpus.sentences.map((s) => new Set(words(s)));
  const sentencePassages: number[][] = corpus.sentences.map(() => []);
  const wordSentences = new Map<string, number[]>();
  sentenceWords.forEach((set, i) => {
    for (const w of set) {
      const list = wordSentences.get(w);
      if (list) list.push(i);
      else wordSentences.set(w, [i]);
    }
  });
  const documentFrequency = new Map<string, number>();
  const idsByText = new Map<string, string[]>();
  corpus.passages.forEach((passage, p) => {
    const seen = new Set<string>();
    for (const i of passage.sentences) {
      sentencePassages[i]?.push(p);
      for (const w of sentenceWords[i] ?? []) seen.add(w);
    }
    for (const w of seen) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
    const ids = idsByText.get(passage.text);
    if (ids) ids.push(passage.id);
    else idsByText.set(passage.text, [passage.id]);
  });
  return { sentenceWords, sentencePassages, wordSentences, documentFrequency, idsByText };
}

/** True when only passages with exactly `text` contain every one of `keywords`. */
function singlesOut(
  keywords: string[],
  text: string,
  corpus: QuerySource,
  stats: CorpusStats,
): boolean {
  const df = (w: string) => stats.documentFrequency.get(w) ?? 0;
  const [rarest] = keywords.slice().sort((a, b) => df(a) - df(b));
  for (const s of stats.wordSentences.get(rarest ?? "") ?? []) {
    for (const p of stats.sentencePassages[s] ?? []) {
      const passage = corpus.passages[p];
      if (!passage || passage.text === text) continue;
      const has = (w: string) => passage.sentences.some((i) => stats.sentenceWords[i]?.has(w));
      if (keywords.every(has)) return false;
    }
  }
  return true;
}

/**
 * One rarer word from each of 2–3 different sentences of a random passage: each word alone
 * matches many passages (sentences recur), together they single out the target (checked).
 */
function knownItem(random: Random, corpus: QuerySource, stats: CorpusStats): BenchQuery {
  for (;;) {
    const passage = pickOne(random, corpus.passages);
    const sentenceCount = Math.min(randomInt(random, 2, 3), passage.sentences.length);
    const chosen: string[] = [];
    for (const i of pickDistinct(random, passage.sentences, sentenceCount)) {
      const candidates = [...(stats.sentenceWords[i] ?? [])]
        .filter((w) => isKeyword(w) && !chosen.includes(w))
        .sort(
          (a, b) =>
            (stats.documentFrequency.get(a) ?? 0) - (stats.documentFrequency.get(b) ?? 0) ||
            a.localeCompare(b),
        );
      if (candidates.length > 0) {
        chosen.push(pickOne(random, candidates.slice(0, RARE_CANDIDATES)));
      }
    }
    // Sentences recur, so a draw of common-ish words may fit other passages too: then the
    // right answer would not be known, and the query is drawn again.
    if (chosen.length < 2 || !singlesOut(chosen, passage.text, corpus, stats)) continue;
    return {
      kind: "known-item",
      text: chosen.join(" "),
      expected: stats.idsByText.get(passage.text) ?? [passage.id],
      expectedText: passage.text,
    };
  }
}

/** One random edit (delete, insert, substitute, transpose) that yields a word not in the corpus. */
function misspell(random: Random, word: string, vocabulary: Map<string, number>): string {
  for (;;) {
    const at = randomInt(random, 0, word.length - 1);
    const letter = pickOne(random, [...LETTERS]);
    const edits = [
      word.slice(0, at) + word.slice(at + 1),
      word.slice(0, at) + letter + word.slice(at),
      word.slice(0, at) + letter + word.slice(at + 1),
      at < word.length - 1 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : "",
    ];
    const typo = pickOne(random, edits);
    if (typo && typo !== word && !vocabulary.has(typo)) return typo;
  }
}

function typoQuery(random: Random, corpus: QuerySource, stats: CorpusStats): BenchQuery {
  for (;;) {
    const query = knownItem(random, corpus, stats);
    const terms = query.text.split(" ");
    const long = terms.filter((w) => w.length >= MIN_TYPO_WORD_LENGTH);
    if (long.length === 0) continue;
    const target = pickOne(random, long);
    const text = terms
      .map((w) => (w === target ? misspell(random, w, stats.documentFrequency) : w))
      .join(" ");
    return { ...query, kind: "typo", text };
  }
}

/** The fixed phrases first, then 2–4 word spans of real sentences made only of common words. */
function commonWordQueries(
  random: Random,
  corpus: QuerySource,
  stats: CorpusStats,
  count: number,
): BenchQuery[] {
  const common = new Set(
    [...stats.documentFrequency.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, COMMON_VOCABULARY)
      .map(([w]) => w),
  );
  const texts = new Set(COMMON_PHRASES.slice(0, count));
  for (let attempts = 0; texts.size < count && attempts < count * 1000; attempts++) {
    const sentence = words(pickOne(random, corpus.sentences));
    const length = randomInt(random, 2, 4);
    const start = randomInt(random, 0, Math.max(0, sentence.length - length));
    const span = sentence.slice(start, start + length);
    if (span.length === length && span.every((w) => common.has(w))) texts.add(span.join(" "));
  }
  return [...texts].map((text) => ({ kind: "common-word", text }));
}

/**
 * `perKind` queries of each kind, deterministic for a corpus and seed, interleaved so that no
 * kind runs only on a warm or only on a cold cache.
 */
export function buildQueryMix(corpus: QuerySource, options: QueryMixOptions): BenchQuery[] {
  const random = createRandom(options.seed);
  const stats = computeStats(corpus);
  const queries: BenchQuery[] = [];
  for (let i = 0; i < options.perKind; i++) queries.push(knownItem(random, corpus, stats));
  for (let i = 0; i < options.perKind; i++) queries.push(typoQuery(random, corpus, stats));
  queries.push(...commonWordQueries(random, corpus, stats, options.perKind));
  return shuffle(random, queries);
}

/** Right when the top result is the target passage or has exactly its text. */
export function isHit(query: BenchQuery, top: { id: string; text: string } | undefined): boolean {
  if (!top) return false;
  return (query.expected?.includes(top.id) ?? false) || top.text === query.expectedText;
}
