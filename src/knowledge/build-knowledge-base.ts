import { KnowledgeError, type Problem } from "../errors.ts";
import { findQuote } from "../text/normalise.ts";
import {
  type CooperativeOptions,
  runSteps,
  runStepsCooperatively,
  type Steps,
} from "../util/cooperative.ts";
import { findConflictsSteps } from "./conflicts.ts";
import { preferCuratedSteps } from "./extract/prefer-curated.ts";
import { extractArticleFactsSteps } from "./extract-facts.ts";
import { createKnowledgeHash, sortFiles } from "./hash.ts";
import { classifyFile, type KnowledgeFile } from "./knowledge-file.ts";
import { keepArticleStrings, StringKeeper, shareFactStrings, TextPacker } from "./pack-texts.ts";
import { type AliasName, parseAliases } from "./parse-aliases.ts";
import { parseArticle } from "./parse-article.ts";
import { type ParsedFact, parseFacts } from "./parse-facts.ts";
import type { AliasGroup, Article, Fact, KnowledgeBase } from "./types.ts";
import { type ArticleOrigin, checkAliasNames, checkFacts, indexArticles } from "./validate.ts";

/**
 * Parses and checks the files of a knowledge folder (see `classifyFile` for which file is what)
 * and returns the knowledge they hold. Throws one `KnowledgeError` listing every problem in every
 * file, ordered by file and line. Articles, passages and facts come in file-path order.
 */
export function buildKnowledgeBase(files: readonly KnowledgeFile[]): KnowledgeBase {
  return runSteps(buildSteps(files));
}

/**
 * `buildKnowledgeBase`, giving the event loop turns between files: a running bot re-reading
 * 100,000 passages keeps answering from its current index meanwhile.
 */
export function buildKnowledgeBaseAsync(
  files: readonly KnowledgeFile[],
  options: Partial<CooperativeOptions> = {},
): Promise<KnowledgeBase> {
  return runStepsCooperatively(buildSteps(files), options);
}

/** The work of `buildKnowledgeBase`, in steps of one file. */
function* buildSteps(files: readonly KnowledgeFile[]): Steps<KnowledgeBase> {
  const sorted = sortFiles(files);
  const problems: Problem[] = [];
  const origins: ArticleOrigin[] = [];
  const facts: ParsedFact[] = [];
  const aliases: AliasGroup[] = [];
  const aliasNames: AliasName[] = [];
  const hash = createKnowledgeHash();
  for (const file of sorted) {
    hash.add(file);
    const kind = classifyFile(file.rel);
    if (kind === "article") {
      const parsed = parseArticle(file);
      problems.push(...parsed.problems);
      if (parsed.article)
        origins.push({ article: parsed.article, path: file.path, idLine: parsed.idLine });
    } else if (kind === "facts") {
      const parsed = parseFacts(file);
      problems.push(...parsed.problems);
      facts.push(...parsed.facts);
    } else if (kind === "aliases") {
      const parsed = parseAliases(file);
      problems.push(...parsed.problems);
      aliases.push(...parsed.groups);
      aliasNames.push(...parsed.names);
    }
    yield;
  }
  const articlesById = indexArticles(origins, problems);
  checkFacts(facts, articlesById, problems);
  checkAliasNames(aliasNames, problems);
  if (problems.length > 0) throw new KnowledgeError(orderProblems(problems, sorted));
  const articles = [...articlesById.values()];
  const curated = facts.map((parsed) => parsed.fact);
  const extracted = yield* extractUncurated(articles, curated);
  const all = [...curated, ...(yield* preferCuratedSteps(extracted, curated))];
  yield* packSteps(articlesById, all);
  return {
    articles,
    passages: articles.flatMap((article) => article.passages),
    facts: all,
    aliases,
    conflicts: yield* findConflictsSteps(all),
    hash: hash.digest(),
  };
}

/**
 * Extracted facts for every paragraph no curated fact quotes, each quote checked like a curated
 * one. A fact that fails its check, or an article the extractor trips on, is dropped: a bug in
 * extraction must never make a knowledge folder unloadable.
 */
function* extractUncurated(articles: readonly Article[], curated: readonly Fact[]): Steps<Fact[]> {
  const curatedParagraphs = new Set(curated.map((fact) => `${fact.article}#${fact.paragraph}`));
  const out: Fact[] = [];
  for (const article of articles) {
    out.push(...(yield* extractCheckedFacts(article, curatedParagraphs)));
    yield;
  }
  return out;
}

/**
 * One article's extracted facts (see `extractUncurated`), leaving out the paragraphs in
 * `curatedParagraphs` (`<article-id>#<n>`): what an article added to a running index gets too.
 */
export function* extractCheckedFacts(
  article: Article,
  curatedParagraphs: ReadonlySet<string>,
): Steps<Fact[]> {
  const skip = (n: number) => curatedParagraphs.has(`${article.id}#${n}`);
  let facts: Fact[] = [];
  try {
    facts = yield* extractArticleFactsSteps(article, skip);
  } catch {
    facts = [];
  }
  return facts.filter((fact) => {
    const passage = article.passages[fact.paragraph - 1];
    return passage !== undefined && findQuote(passage.text, fact.quote) !== undefined;
  });
}

/**
 * Moves passage texts out of the heap and lets facts' quotes share them (see pack-texts.ts):
 * what the knowledge holds reads the same, in a fraction of the heap.
 */
function* packSteps(
  articlesById: ReadonlyMap<string, Article>,
  facts: readonly Fact[],
): Steps<void> {
  const packer = new TextPacker();
  const strings = new StringKeeper();
  for (const article of articlesById.values()) {
    keepArticleStrings(article, strings);
    for (const passage of article.passages) {
      passage.id = strings.keep(passage.id);
      passage.articleId = article.id;
      packer.add(passage.text, (packed) => {
        passage.text = packed;
      });
    }
    yield;
  }
  packer.finish();
  yield;
  yield* shareFactStrings(
    facts,
    (fact) => articlesById.get(fact.article)?.passages[fact.paragraph - 1],
  );
}

function orderProblems(problems: readonly Problem[], files: readonly KnowledgeFile[]): Problem[] {
  const rank = new Map(files.map((file, i) => [file.path, i]));
  const rankOf = (problem: Problem) => rank.get(problem.file) ?? files.length;
  return [...problems].sort((a, b) => rankOf(a) - rankOf(b) || (a.line ?? 0) - (b.line ?? 0));
}
