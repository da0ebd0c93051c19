import { runSteps, type Steps } from "../util/cooperative.ts";
import { extractCheckedFacts } from "./build-knowledge-base.ts";
import { changeConflictsSteps } from "./conflicts.ts";
import { preferCuratedSteps } from "./extract/prefer-curated.ts";
import { compare, sha256 } from "./hash.ts";
import type { Article, Fact, KnowledgeBase, Passage } from "./types.ts";

/** Articles to add or replace (by id), and ids of articles to remove. */
export interface ArticleChanges {
  upserts: readonly Article[];
  removals: readonly string[];
}

/**
 * What changed between two knowledge bases, in the terms an index needs: positions in the old
 * knowledge's facts and passages that are gone, and what is new, in the new knowledge's order.
 */
export interface KnowledgeDelta {
  before: KnowledgeBase;
  after: KnowledgeBase;
  removedFacts: number[];
  removedPassages: number[];
  /** The articles added or replaced, in knowledge order. */
  addedArticles: Article[];
  /** Their extracted facts, in knowledge order. */
  addedFacts: Fact[];
}

/**
 * Why a change cannot be applied article by article: the knowledge must be read again in full
 * (which reports any problem with its file and line).
 */
export class NeedsFullReload extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NeedsFullReload";
  }
}

/** `applyArticleChangesSteps` in one go. */
export function applyArticleChanges(kb: KnowledgeBase, changes: ArticleChanges): KnowledgeDelta {
  return runSteps(applyArticleChangesSteps(kb, changes));
}

/**
 * The knowledge with articles added, replaced or removed: the same articles, passages, facts
 * and conflicts, in the same order, as building it from the changed folder would give. Only
 * the hash differs: it chains the change onto the old hash instead of hashing every file.
 * Throws `NeedsFullReload` for what only a full read checks (a curated fact citing a changed
 * article, an id taken by another file, an article with no paragraphs, no articles left).
 */
export function* applyArticleChangesSteps(
  kb: KnowledgeBase,
  changes: ArticleChanges,
): Steps<KnowledgeDelta> {
  const replaced = new Set([...changes.removals, ...changes.upserts.map((a) => a.id)]);
  // Curated facts come first (see `buildKnowledgeBase`): a change never walks the extracted ones.
  let curatedCount = 0;
  while (kb.facts[curatedCount]?.origin === "curated") curatedCount++;
  const curated = kb.facts.slice(0, curatedCount);
  for (const fact of curated) {
    if (replaced.has(fact.article)) {
      throw new NeedsFullReload(
        `curated fact ${fact.id} cites the changed article ${fact.article}`,
      );
    }
  }
  const byFile = new Map(kb.articles.map((a) => [a.file, a]));
  for (const article of changes.upserts) {
    const other = byFile.get(article.file);
    if (other !== undefined && other.id !== article.id && !replaced.has(other.id)) {
      throw new NeedsFullReload(`${article.file} now holds article ${article.id}`);
    }
    if (article.passages.length === 0) {
      throw new NeedsFullReload(`article ${article.id} has no paragraphs`);
    }
  }
  const kept = kb.articles.filter((a) => !replaced.has(a.id));
  const files = new Set(kept.map((a) => a.file));
  const ids = new Set(kept.map((a) => a.id));
  for (const article of changes.upserts) {
    if (files.has(article.file) || ids.has(article.id)) {
      throw new NeedsFullReload(`article ${article.id} (${article.file}) is there twice`);
    }
    files.add(article.file);
    ids.add(article.id);
  }
  yield;
  const upserts = [...changes.upserts].sort((a, b) => compare(a.file, b.file));
  const articles = mergeByFile(kept, upserts);
  if (articles.length === 0) throw new NeedsFullReload("no articles left");

  const curatedParagraphs = new Set(curated.map((fact) => `${fact.article}#${fact.paragraph}`));
  const newFacts = new Map<string, Fact[]>();
  for (const article of upserts) {
    const extracted = yield* extractCheckedFacts(article, curatedParagraphs);
    newFacts.set(article.id, yield* preferCuratedSteps(extracted, curated));
  }
  const oldRuns = yield* factRunSteps(kb.facts, curated.length);
  const addedFacts: Fact[] = [];
  const factParts: (readonly Fact[])[] = [curated];
  for (const article of articles) {
    const added = newFacts.get(article.id);
    const run = oldRuns.get(article.id);
    if (added !== undefined) addedFacts.push(...added);
    factParts.push(added ?? (run === undefined ? [] : kb.facts.slice(run[0], run[1])));
  }
  const facts = ([] as Fact[]).concat(...factParts);
  yield;
  const removedFacts: number[] = [];
  for (const [id, [from, to]] of oldRuns) {
    if (replaced.has(id)) for (let i = from; i < to; i++) removedFacts.push(i);
  }
  removedFacts.sort((a, b) => a - b);
  const removedPassages: number[] = [];
  let passageAt = 0;
  for (const article of kb.articles) {
    const n = article.passages.length;
    if (replaced.has(article.id)) for (let i = 0; i < n; i++) removedPassages.push(passageAt + i);
    passageAt += n;
  }
  yield;
  const after: KnowledgeBase = {
    articles,
    passages: ([] as Passage[]).concat(...articles.map((a) => a.passages)),
    facts,
    aliases: kb.aliases,
    conflicts: yield* changeConflictsSteps(kb.conflicts, {
      before: kb.facts,
      after: facts,
      removed: removedFacts.map((i) => kb.facts[i] as Fact),
      added: addedFacts,
      articleOrder: new Map(articles.map((a, i) => [a.id, i])),
    }),
    hash: chainedHash(kb.hash, changes),
  };
  return {
    before: kb,
    after,
    removedFacts,
    removedPassages,
    addedArticles: upserts,
    addedFacts,
  };
}

/** Both lists in file order; the result in file order, as a full read lists articles. */
function mergeByFile(a: readonly Article[], b: readonly Article[]): Article[] {
  const out: Article[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && compare(x.file, y.file) < 0)) {
      out.push(x as Article);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/**
 * Extracted facts come in article order: each article's are a run, [from, to) in `facts`. One
 * comparison a fact, a few thousand a step.
 */
function* factRunSteps(
  facts: readonly Fact[],
  from: number,
): Steps<Map<string, [from: number, to: number]>> {
  const runs = new Map<string, [number, number]>();
  let start = from;
  for (let i = from; i <= facts.length; i++) {
    const article = facts[i]?.article;
    const runArticle = (facts[start] as Fact | undefined)?.article;
    if (article !== runArticle && runArticle !== undefined) {
      if (runs.has(runArticle))
        throw new NeedsFullReload(`the facts of ${runArticle} are not in one run`);
      runs.set(runArticle, [start, i]);
      start = i;
    }
    if ((i + 1) % FACT_RUN_STEP === 0) yield;
  }
  return runs;
}

const FACT_RUN_STEP = 20_000;

/** The old hash and what changed: equal for the same changes to the same knowledge. */
function chainedHash(before: string, changes: ArticleChanges): string {
  const upserts = changes.upserts.map((a) => `+${a.file}\0${a.id}\0${a.hash}`).sort(compare);
  const removals = changes.removals.map((id) => `-${id}`).sort(compare);
  return sha256([before, ...upserts, ...removals].join("\n"));
}
