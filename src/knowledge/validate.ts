import type { Problem } from "../errors.ts";
import { findQuote, normaliseWhitespace } from "../text/normalise.ts";
import type { AliasName } from "./parse-aliases.ts";
import type { ParsedFact } from "./parse-facts.ts";
import type { Article } from "./types.ts";

/** An article and where its id comes from. */
export interface ArticleOrigin {
  article: Article;
  path: string;
  idLine: number;
}

/**
 * Keeps the first article of each id and reports the others; returns the kept articles by id, so
 * that facts can be checked against them in constant time each.
 */
export function indexArticles(
  origins: readonly ArticleOrigin[],
  problems: Problem[],
): Map<string, Article> {
  const byId = new Map<string, Article>();
  const firstAt = new Map<string, string>();
  for (const { article, path, idLine } of origins) {
    const first = firstAt.get(article.id);
    if (first !== undefined) {
      problems.push({
        file: path,
        line: idLine,
        message: `duplicate article id "${article.id}" (first at ${first})`,
      });
      continue;
    }
    firstAt.set(article.id, `${path}:${idLine}`);
    byId.set(article.id, article);
  }
  return byId;
}

/** Refuses duplicate fact ids and facts whose source or quote is not in the articles. */
export function checkFacts(
  facts: readonly ParsedFact[],
  articles: ReadonlyMap<string, Article>,
  problems: Problem[],
): void {
  const firstAt = new Map<string, string>();
  for (const { fact, path, sourceLine, quoteLine } of facts) {
    const first = firstAt.get(fact.id);
    if (first === undefined) firstAt.set(fact.id, `${path}:${fact.line}`);
    else
      problems.push({
        file: path,
        line: fact.line,
        message: `duplicate fact id "${fact.id}" (first at ${first})`,
      });
    const article = articles.get(fact.article);
    if (article === undefined) {
      const message = `unknown article "${fact.article}" in source "${fact.article}#${fact.paragraph}"`;
      problems.push({ file: path, line: sourceLine, message });
      continue;
    }
    const passage = article.passages[fact.paragraph - 1];
    if (passage === undefined) {
      const message = `article ${article.id} has no paragraph ${fact.paragraph}`;
      problems.push({ file: path, line: sourceLine, message });
      continue;
    }
    if (findQuote(passage.text, fact.quote) === undefined) {
      problems.push({
        file: path,
        line: quoteLine,
        message: `quote not found in passage ${passage.id}`,
      });
    }
  }
}

/** A name may stand in only one alias group, compared without regard to case or spacing. */
export function checkAliasNames(names: readonly AliasName[], problems: Problem[]): void {
  const firstAt = new Map<string, AliasName>();
  for (const entry of names) {
    const key = normaliseWhitespace(entry.name).toLowerCase();
    const first = firstAt.get(key);
    if (first === undefined) {
      firstAt.set(key, entry);
      continue;
    }
    const message = `duplicate alias "${entry.name}" (first at ${first.file}:${first.line})`;
    problems.push({ file: entry.file, line: entry.line, message });
  }
}
