import { runSteps, type Steps } from "../util/cooperative.ts";
import { extractCheckedFacts } from "./build-knowledge-base.ts";
import { changeConflictsSteps } from "./conflicts.ts";
import { preferCuratedSteps } from "./extract/prefer-curated.ts";
import { compare, sha256 } from "./hash.ts";
import type { Article, Fact, KnowledgeBase } from "./types.ts";

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
  const curated = kb.facts.filter((fact) => fact.origin === "curated");
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
  const oldFacts = factsByArticle(kb.facts.slice(curated.length));
  const facts = [...curated];
  const addedFacts: Fact[] = [];
  for (const article of articles) {
    const added = newFacts.get(article.id);
    if (added !== undefined) addedFacts.push(...added);
    facts.push(...(added ?? oldFacts.get(article.id) ?? []));
  }
  yield;
  const removedFacts: number[] = [];
  kb.facts.forEach((fact, i) => {
    if (fact.origin !== "curated" && replaced.has(fact.article)) removedFacts.push(i);
  });
  const removedPassages: number[] = [];
  kb.passages.forEach((passage, i) => {
    if (replaced.has(passage.articleId)) removedPassages.push(i);
  });
  yield;
  const after: KnowledgeBase = {
    articles,
    passages: articles.flatMap((a) => a.passages),
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

/** Extracted facts come in article order: each article's are a run. */
function factsByArticle(extracted: readonly Fact[]): Map<string, Fact[]> {
  const out = new Map<string, Fact[]>();
  for (const fact of extracted) {
    const list = out.get(fact.article);
    if (list === undefined) out.set(fact.article, [fact]);
    else list.push(fact);
  }
  return out;
}

/** The old hash and what changed: equal for the same changes to the same knowledge. */
function chainedHash(before: string, changes: ArticleChanges): string {
  const upserts = changes.upserts.map((a) => `+${a.file}\0${a.id}\0${a.hash}`).sort(compare);
  const removals = changes.removals.map((id) => `-${id}`).sort(compare);
  return sha256([before, ...upserts, ...removals].join("\n"));
}
