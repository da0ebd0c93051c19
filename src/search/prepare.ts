import type { Article, Fact, Passage } from "../knowledge/types.ts";
import { findQuote, type TextRange } from "../text/normalise.ts";
import {
  type CooperativeOptions,
  runSteps,
  runStepsCooperatively,
  type Steps,
} from "../util/cooperative.ts";
import type { SearchIndex } from "./build-index.ts";
import { documentIdSteps } from "./documents.ts";
import { type PostingsReader, STEP_SIZE } from "./postings.ts";
import { type FieldLengths, ScoreAccumulator } from "./score.ts";
import type { Correction, TypoCorrector } from "./typos.ts";

/** What questions read besides the index itself, worked out once per index. */
export interface PreparedIndex {
  postings: PostingsReader;
  lengths: FieldLengths;
  /** Document ids by short id. */
  documentIds: readonly string[];
  /** 1 where the short id is a fact's. */
  isFact: Uint8Array;
  /** Corrections of a word the index lacks, closest first; remembered for this index. */
  correct(word: string): Correction[];
  /**
   * Builds the typo corrector a few milliseconds at a time, if no question has made it yet:
   * otherwise the first misspelled question builds it in one go.
   */
  warmUp(options?: Partial<CooperativeOptions>): Promise<void>;
  accumulator: ScoreAccumulator;
  passageById: ReadonlyMap<string, Passage>;
  articleById: ReadonlyMap<string, Article>;
  /** Facts by their document id in the index. */
  factByDocumentId: ReadonlyMap<string, Fact>;
  /** Where a fact's quote stands in its passage, by the fact's document id. */
  quoteRange(documentId: string): TextRange | undefined;
}

/**
 * Corrections remembered per index: the same unknown words come back in question after
 * question, and a fuzzy lookup is most of what answering one costs. Bounded, because questions
 * are not.
 */
const MAX_REMEMBERED_CORRECTIONS = 20_000;

const prepared = new WeakMap<SearchIndex, PreparedIndex>();

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

function* prepareSteps(index: SearchIndex): Steps<PreparedIndex> {
  const { postings, kb } = index;
  const documentIds = yield* documentIdSteps(kb);
  // Facts come first (see `documentIdsOf`).
  const isFact = new Uint8Array(postings.documentCount);
  isFact.fill(1, 0, kb.facts.length);
  const passageById = yield* mapSteps(kb.passages, (p) => p.id);
  const factByDocumentId = new Map<string, Fact>();
  for (let i = 0; i < kb.facts.length; i++) {
    factByDocumentId.set(documentIds[i] as string, kb.facts[i] as Fact);
    if ((i + 1) % STEP_SIZE === 0) yield;
  }
  // Built when a question first has a word the index lacks: most starts answer many questions
  // before that, and building it is a fifth of loading a 100,000-passage index.
  let typos: TypoCorrector | undefined;
  const typoSteps = function* (): Steps<void> {
    const built = yield* postings.correctorSteps();
    typos ??= built;
  };
  const corrections = new Map<string, Correction[]>();
  const result: PreparedIndex = {
    postings,
    lengths: postings.lengths,
    documentIds,
    isFact,
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
    accumulator: new ScoreAccumulator(isFact.length),
    passageById,
    articleById: new Map(kb.articles.map((a) => [a.id, a])),
    factByDocumentId,
    quoteRange: quoteRanges(factByDocumentId, passageById),
  };
  prepared.set(index, result);
  return result;
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
  factByDocumentId: ReadonlyMap<string, Fact>,
  passageById: ReadonlyMap<string, Passage>,
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
