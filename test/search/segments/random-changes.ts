import fc from "fast-check";
import { composeAnswer } from "../../../src/answer/compose.ts";
import type { KnowledgeFile } from "../../../src/knowledge/knowledge-file.ts";
import { parseArticle } from "../../../src/knowledge/parse-article.ts";
import type { Article, KnowledgeBase } from "../../../src/knowledge/types.ts";
import {
  type ArticleChanges,
  applyArticleChanges,
} from "../../../src/knowledge/update-knowledge.ts";
import type { SearchIndex } from "../../../src/search/build-index.ts";
import { indexRetriever } from "../../../src/search/index-retriever.ts";
import { searchIndex } from "../../../src/search/query.ts";
import { updateIndex } from "../../../src/search/segments/segmented-index.ts";
import { BORDER_FACT_YAML } from "../../helpers/knowledge-dir.ts";
import { file, textArticle } from "../../knowledge/fixtures.ts";

/**
 * Random sequences of article adds, edits and removals, and what to compare after each: for
 * the tests of indexes grown by segments, in memory and as persisted.
 */

/** Words the random articles are made of: names, numbers with units, dates, everyday words. */
export const WORDS = [
  "Pakistan",
  "Iran",
  "pipeline",
  "pipelines",
  "gas",
  "border",
  "borders",
  "Tehran",
  "Islamabad",
  "Bajwa",
  "trade",
  "traded",
  "trading",
  "electricity",
  "smugglers",
  "opium",
  "cricket",
  "minister",
  "signed",
  "deal",
  "completed",
  "visited",
  "the",
  "and",
  "of",
  "in",
  "was",
  "Chabahar",
  "port",
  "railway",
  "Gwadar",
  "959km",
  "2014",
  "$7 billion",
  "1,200 MW",
  "ties",
  "Ties",
  "TRADE",
];

const paragraph = fc
  .array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 14 })
  .map((words) => `${words.join(" ")}.`);
const articleText = fc.tuple(
  fc.constantFrom("Trade News", "Border Report", "Energy Ties", "Pipeline Update"),
  fc.array(fc.tuple(paragraph, paragraph), { minLength: 1, maxLength: 4 }),
);
/** Files the sequences add, edit and remove; `articles/ties.txt` stays (facts cite it). */
export const NAMES = ["a.txt", "b.txt", "m.txt", "zz.txt", "sub/c.txt"];

export type Step =
  | { kind: "put"; name: string; title: string; paragraphs: string[] }
  | { kind: "remove"; name: string };

export const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("put" as const),
    name: fc.constantFrom(...NAMES),
    title: articleText.map(([t]) => t),
    paragraphs: articleText.map(([, ps]) => ps.map(([a, b]) => `${a} ${b}`)),
  }),
  fc.record({ kind: fc.constant("remove" as const), name: fc.constantFrom(...NAMES) }),
);

export const FIXED: KnowledgeFile[] = [
  textArticle("articles/ties.txt", "Ties Between Neighbours", [
    "Pakistan and Iran share a 959km border. Smugglers move opium across the border.",
    "Pakistan and Iran signed a gas pipeline deal. The pipeline was due to be completed in 2014.",
    "General Bajwa visited Tehran for a two-day trip. He met the Foreign Minister.",
  ]),
  file("facts/border.yml", BORDER_FACT_YAML),
  file("aliases.yml", "- [Qamar Javed Bajwa, Bajwa, COAS, Army Chief]\n"),
];

export const QUESTIONS = [
  "pipeline",
  "Who visited Tehran?",
  "How long is the border?",
  "gas pipeline deal completed 2014",
  "trade electricity Pakistan",
  "pipline",
  "tradng railway",
  "Chabahar port Gwadar",
  "smugglers opium border",
  "cricket minister",
  "electricty",
  "What was the deal worth in billion?",
  "Norse leader",
  "bordr",
  "1,200 MW",
];

export function folderOf(articles: ReadonlyMap<string, string>): KnowledgeFile[] {
  return [...FIXED, ...[...articles].map(([name, text]) => file(`articles/${name}`, text))];
}

/** Everything an answer shows, and the search outcome it came from. */
export function answersOf(index: SearchIndex) {
  const retriever = indexRetriever(index);
  return QUESTIONS.map((q) => ({
    search: searchIndex(index, q),
    answer: composeAnswer(retriever, q, { limit: 5 }),
    suggestions: retriever.nearTerms(q.split(" ")[0]?.toLowerCase() ?? "", 2),
  }));
}

export function withoutHash(kb: KnowledgeBase) {
  const { hash: _, ...rest } = kb;
  return rest;
}

/** The article a file holds, parsed as a full read parses it. */
export function parsed(name: string, text: string): Article {
  const article = parseArticle(file(`articles/${name}`, text)).article;
  if (article === undefined) throw new Error(`${name} does not parse`);
  return article;
}

/** `step` applied to the folder (a map of file names to texts) and to the index grown from it. */
export function applyStep(folder: Map<string, string>, index: SearchIndex, s: Step): SearchIndex {
  const changes = applyStepToFolder(folder, s);
  return changes === undefined ? index : updateIndex(index, applyArticleChanges(index.kb, changes));
}

/** `step` applied to the folder: the article changes it makes, if any. */
export function applyStepToFolder(
  folder: Map<string, string>,
  s: Step,
): ArticleChanges | undefined {
  const old = folder.get(s.name);
  const oldId = old === undefined ? undefined : parsed(s.name, old).id;
  if (s.kind === "remove") {
    if (old === undefined) return undefined;
    folder.delete(s.name);
    return { upserts: [], removals: [oldId as string] };
  }
  const text = `${s.title}\n\n${s.paragraphs.join("\n\n")}\n`;
  folder.set(s.name, text);
  const article = parsed(s.name, text);
  return {
    upserts: [article],
    removals: oldId !== undefined && oldId !== article.id ? [oldId] : [],
  };
}
