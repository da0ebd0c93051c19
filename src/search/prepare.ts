import type { Article, Fact, Passage } from "../knowledge/types.ts";
import { findQuote, type TextRange } from "../text/normalise.ts";
import {
  type CooperativeOptions,
  runSteps,
  runStepsCooperatively,
  type Steps,
} from "../util/cooperative.ts";
import { LayeredMap } from "../util/layered-map.ts";
import type { SearchIndex } from "./build-index.ts";
import { documentIdAt, documentIdSteps, FACT_ID_PREFIX, isFactDocumentId } from "./documents.ts";
import { type PostingsReader, STEP_SIZE } from "./postings.ts";
import { type FieldLengths, ScoreAccumulator } from "./score.ts";
import type { Correction, TypoCorrector } from "./typos.ts";

/** What questions read besides the index itself, worked out once per index. */
export interface PreparedIndex {
  postings: PostingsReader;
  lengths: FieldLengths;
  /** The document id of a short id ("" for none). */
  documentId(id: number): string;
  /** How many facts the index holds: their short ids come first (see `documentIdsOf`). */
  facts: number;
  /** Corrections of a word the index lacks, closest first; remembered for this index. */
  correct(word: string): Correction[];
  /**
   * Builds the typo corrector a few milliseconds at a time, if no question has made it yet:
   * otherwise the first misspelled question builds it in one go.
   */
  warmUp(options?: Partial<CooperativeOptions>): Promise<void>;
  accumulator: ScoreAccumulator;
  passageById: Lookup<Passage>;
  articleById: Lookup<Article>;
  /** Facts by their document id in the index. */
  factByDocumentId: Lookup<Fact>;
  /** Where a fact's quote stands in its passage, by the fact's document id. */
  quoteRange(documentId: string): TextRange | undefined;
}

/**
 * Corrections remembered per index: the same unknown words come back in question after
 * question, and a fuzzy lookup is most of what answering one costs. Bounded, because questions
 * are not.
 */
const MAX_REMEMBERED_CORRECTIONS = 20_000;

/** What the prepared index looks things up in by id: a map, or a map with changes over it. */
export interface Lookup<T> {
  get(id: string): T | undefined;
}

const prepared = new WeakMap<SearchIndex, PreparedIndex>();
/**
 * Document ids by short id of the indexes prepared in full, once their warm-up has worked them
 * out: what their first change reads.
 */
const builtDocumentIds = new WeakMap<SearchIndex, readonly string[]>();
/** The lookups of a prepared index as maps and changes: what a grown index's start from. */
const lookups = new WeakMap<PreparedIndex, PreparedLookups>();

interface PreparedLookups {
  passages: LayeredMap<Passage>;
  articles: LayeredMap<Article>;
  /** By their own ids: a fact's document id without its prefix (see `factKey`). */
  facts: LayeredMap<Fact>;
}

/**
 * A fact's key in the prepared lookups: its document id without the prefix all facts share,
 * which is the fact's id. Keyed by it, a start does not make a string for each of 79,000 facts
 * at 100k (and hash it) before the first answer.
 */
function factKey(documentId: string): string {
  return documentId.slice(FACT_ID_PREFIX.length);
}

/** The prepared index, worked out now if it was not yet (the first question pays for it). */
export function prepareSearch(index: SearchIndex): PreparedIndex {
  return prepared.get(index) ?? runSteps(prepareSteps(index));
}

/** `prepareSearch` for a running bot: a new index is prepared between questions. */
export async function prepareSearchAsync(
  index: SearchIndex,
  options: Partial<CooperativeOptions> = {},
): Promise<PreparedIndex> {
  return prepared.get(index) ?? runStepsCooperatively(prepareSteps(index), options);
}

/**
 * The document ids by short id of an index prepared in full (not one grown by a change), once
 * its warm-up has worked them out: what its first change starts from.
 */
export function preparedDocumentIds(index: SearchIndex): readonly string[] | undefined {
  return builtDocumentIds.get(index);
}

function* prepareSteps(index: SearchIndex): Steps<PreparedIndex> {
  const { kb } = index;
  const passageById = yield* mapSteps(kb.passages, (p) => p.id);
  const factById = yield* mapSteps(kb.facts, (f) => f.id);
  const articleById = new Map(kb.articles.map((a) => [a.id, a]));
  const result = preparedFrom(index, {
    passages: LayeredMap.over(passageById),
    articles: LayeredMap.over(articleById),
    facts: LayeredMap.over(factById),
  });
  // Only a change reads them: worked out with the typo corrector, not before the first answer
  // (tens of milliseconds at 100k). A change before the warm-up works them out itself.
  const warmUp = result.warmUp;
  result.warmUp = async (options = {}) => {
    await warmUp(options);
    if (builtDocumentIds.has(index)) return;
    builtDocumentIds.set(index, await runStepsCooperatively(documentIdSteps(kb), options));
  };
  return result;
}

/** The documents a change to an index removed and added, by document id. */
export interface PreparedChange {
  removedPassages: readonly Passage[];
  removedFacts: readonly Fact[];
  removedArticleIds: readonly string[];
  addedArticles: readonly Article[];
  addedFacts: readonly Fact[];
}

/**
 * Prepares `next`, a change of `before`, from `before`'s preparation: its lookups are the old
 * ones with the change laid over them, so a change costs what it holds, not the whole index.
 * Without a prepared `before`, `next` is prepared in full when a question first needs it.
 */
export function prepareChanged(
  before: SearchIndex,
  next: SearchIndex,
  change: PreparedChange,
): void {
  const known = prepared.get(before);
  const old = known && lookups.get(known);
  if (known === undefined || old === undefined) return;
  const passages = old.passages.edit();
  const articles = old.articles.edit();
  const facts = old.facts.edit();
  for (const passage of change.removedPassages) passages.delete(passage.id);
  for (const id of change.removedArticleIds) articles.delete(id);
  for (const fact of change.removedFacts) facts.delete(fact.id);
  for (const article of change.addedArticles) {
    articles.set(article.id, article);
    for (const passage of article.passages) passages.set(passage.id, passage);
  }
  for (const fact of change.addedFacts) facts.set(fact.id, fact);
  preparedFrom(next, {
    passages: passages.done(),
    articles: articles.done(),
    facts: facts.done(),
  });
}

function preparedFrom(index: SearchIndex, maps: PreparedLookups): PreparedIndex {
  const { postings, kb } = index;
  // Built when a question first has a word the index lacks: most starts answer many questions
  // before that, and building it is a fifth of loading a 100,000-passage index.
  let typos: TypoCorrector | undefined;
  const typoSteps = function* (): Steps<void> {
    const built = yield* postings.correctorSteps();
    typos ??= built;
  };
  const corrections = new Map<string, Correction[]>();
  const factByDocumentId: Lookup<Fact> = {
    get: (documentId) =>
      isFactDocumentId(documentId) ? maps.facts.get(factKey(documentId)) : undefined,
  };
  const result: PreparedIndex = {
    postings,
    lengths: postings.lengths,
    documentId: (id) => documentIdAt(kb, id) ?? "",
    facts: kb.facts.length,
    correct: (word) => {
      let found = corrections.get(word);
      if (found === undefined) {
        if (typos === undefined) runSteps(typoSteps());
        found = (typos as TypoCorrector | undefined)?.correct(word) ?? [];
        if (corrections.size >= MAX_REMEMBERED_CORRECTIONS) corrections.clear();
        corrections.set(word, found);
      }
      return found;
    },
    warmUp: async (options = {}) => {
      if (typos === undefined) await runStepsCooperatively(typoSteps(), options);
    },
    accumulator: sharedAccumulator(postings.documentCount),
    passageById: maps.passages,
    articleById: maps.articles,
    factByDocumentId,
    quoteRange: quoteRanges(factByDocumentId, maps.passages),
  };
  prepared.set(index, result);
  lookups.set(result, maps);
  return result;
}

/**
 * One set of accumulators for every index of about the same size: a question is scored
 * synchronously, so indexes never use them at once, and an index grown by one article would
 * otherwise allocate megabytes of them (made a sixteenth larger, so growth reuses them).
 */
let accumulator: ScoreAccumulator | undefined;

function sharedAccumulator(documentCount: number): ScoreAccumulator {
  const capacity = accumulator?.score.length ?? 0;
  if (accumulator === undefined || capacity < documentCount || capacity > documentCount * 2) {
    accumulator = new ScoreAccumulator(documentCount + (documentCount >> 4));
  }
  return accumulator;
}

function* mapSteps<T>(items: readonly T[], key: (item: T) => string): Steps<Map<string, T>> {
  const map = new Map<string, T>();
  for (let i = 0; i < items.length; i += STEP_SIZE) {
    for (const item of items.slice(i, i + STEP_SIZE)) map.set(key(item), item);
    yield;
  }
  return map;
}

/**
 * Where a fact's quote stands, found when an answer first shows the fact: most of 100,000
 * extracted facts are never shown, and finding them all would hold up the start.
 */
function quoteRanges(
  factByDocumentId: Lookup<Fact>,
  passageById: Lookup<Passage>,
): (documentId: string) => TextRange | undefined {
  const found = new Map<string, TextRange | undefined>();
  return (documentId) => {
    if (found.has(documentId)) return found.get(documentId);
    const fact = factByDocumentId.get(documentId);
    const passage = fact && passageById.get(`${fact.article}#${fact.paragraph}`);
    const range = fact && passage && findQuote(passage.text, fact.quote);
    found.set(documentId, range);
    return range;
  };
}
