import { findQuote, type TextRange } from "../knowledge/normalise.ts";
import type { Article, Fact, KnowledgeBase, Passage } from "../knowledge/types.ts";
import { type CooperativeOptions, runSteps, runStepsCooperatively, type Steps } from "../steps.ts";
import type { SearchIndex } from "./build-index.ts";
import { factDocumentId, isFactDocumentId } from "./documents.ts";
import { fieldLengthSteps, type Postings, postingsOf, STEP_SIZE } from "./postings.ts";
import { type FieldLengths, ScoreAccumulator } from "./score.ts";
import { TypoCorrector } from "./typos.ts";

/** What questions read besides the index itself, worked out once per index. */
export interface PreparedIndex {
  postings: Postings;
  lengths: FieldLengths;
  /** 1 where the short id is a fact's. */
  isFact: Uint8Array;
  typos: TypoCorrector;
  accumulator: ScoreAccumulator;
  passageById: ReadonlyMap<string, Passage>;
  articleById: ReadonlyMap<string, Article>;
  /** Facts by their document id in the index. */
  factByDocumentId: ReadonlyMap<string, Fact>;
  /** Where each fact's quote stands in its passage, by the fact's document id. */
  quoteByDocumentId: ReadonlyMap<string, TextRange>;
}

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
  const postings = postingsOf(index.mini);
  const lengths = yield* fieldLengthSteps(index.mini);
  const isFact = new Uint8Array(lengths[0]?.length ?? 0);
  for (let id = 0, marked = 0; marked < index.kb.facts.length && id < isFact.length; id++) {
    if (isFactDocumentId(postings.documentId(id) ?? "")) {
      isFact[id] = 1;
      marked++;
    }
  }
  const typos = new TypoCorrector();
  let n = 0;
  for (const [word, term] of index.words) {
    typos.add(word, term);
    if (++n % STEP_SIZE === 0) yield;
  }
  const passageById = yield* mapSteps(index.kb.passages, (p) => p.id);
  const result: PreparedIndex = {
    postings,
    lengths,
    isFact,
    typos,
    accumulator: new ScoreAccumulator(isFact.length),
    passageById,
    articleById: new Map(index.kb.articles.map((a) => [a.id, a])),
    factByDocumentId: factsByDocumentId(index.kb),
    quoteByDocumentId: quotesByDocumentId(index.kb, passageById),
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

function factsByDocumentId(kb: KnowledgeBase): Map<string, Fact> {
  return new Map(kb.facts.map((f) => [factDocumentId(f), f]));
}

function quotesByDocumentId(
  kb: KnowledgeBase,
  passageById: ReadonlyMap<string, Passage>,
): Map<string, TextRange> {
  const quotes = new Map<string, TextRange>();
  for (const fact of kb.facts) {
    const passage = passageById.get(`${fact.article}#${fact.paragraph}`);
    const range = passage && findQuote(passage.text, fact.quote);
    if (range) quotes.set(factDocumentId(fact), range);
  }
  return quotes;
}
