import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../../src/answer/compose.ts";
import { buildKnowledgeBase } from "../../../src/knowledge/build-knowledge-base.ts";
import type { KnowledgeFile } from "../../../src/knowledge/knowledge-file.ts";
import { parseArticle } from "../../../src/knowledge/parse-article.ts";
import type { Article, KnowledgeBase } from "../../../src/knowledge/types.ts";
import { applyArticleChanges } from "../../../src/knowledge/update-knowledge.ts";
import { buildIndex, type SearchIndex } from "../../../src/search/build-index.ts";
import { indexRetriever } from "../../../src/search/index-retriever.ts";
import { searchIndex } from "../../../src/search/query.ts";
import {
  MERGE_FACTOR,
  mergeSegmentsSteps,
  segmentedShare,
  segmentsOf,
  updateIndex,
} from "../../../src/search/segments/segmented-index.ts";
import { runSteps } from "../../../src/util/cooperative.ts";
import { BORDER_FACT_YAML } from "../../helpers/knowledge-dir.ts";
import { file, textArticle } from "../../knowledge/fixtures.ts";

/** Words the random articles are made of: names, numbers with units, dates, everyday words. */
const WORDS = [
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
const NAMES = ["a.txt", "b.txt", "m.txt", "zz.txt", "sub/c.txt"];

type Step =
  | { kind: "put"; name: string; title: string; paragraphs: string[] }
  | { kind: "remove"; name: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("put" as const),
    name: fc.constantFrom(...NAMES),
    title: articleText.map(([t]) => t),
    paragraphs: articleText.map(([, ps]) => ps.map(([a, b]) => `${a} ${b}`)),
  }),
  fc.record({ kind: fc.constant("remove" as const), name: fc.constantFrom(...NAMES) }),
);

const FIXED: KnowledgeFile[] = [
  textArticle("articles/ties.txt", "Ties Between Neighbours", [
    "Pakistan and Iran share a 959km border. Smugglers move opium across the border.",
    "Pakistan and Iran signed a gas pipeline deal. The pipeline was due to be completed in 2014.",
    "General Bajwa visited Tehran for a two-day trip. He met the Foreign Minister.",
  ]),
  file("facts/border.yml", BORDER_FACT_YAML),
  file("aliases.yml", "- [Qamar Javed Bajwa, Bajwa, COAS, Army Chief]\n"),
];

const QUESTIONS = [
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

function folderOf(articles: ReadonlyMap<string, string>): KnowledgeFile[] {
  return [...FIXED, ...[...articles].map(([name, text]) => file(`articles/${name}`, text))];
}

/** Everything an answer shows, and the search outcome it came from. */
function answersOf(index: SearchIndex) {
  const retriever = indexRetriever(index);
  return QUESTIONS.map((q) => ({
    search: searchIndex(index, q),
    answer: composeAnswer(retriever, q, { limit: 5 }),
    suggestions: retriever.nearTerms(q.split(" ")[0]?.toLowerCase() ?? "", 2),
  }));
}

function withoutHash(kb: KnowledgeBase) {
  const { hash: _, ...rest } = kb;
  return rest;
}

/** The article a file holds, parsed as a full read parses it. */
function parsed(name: string, text: string): Article {
  const article = parseArticle(file(`articles/${name}`, text)).article;
  if (article === undefined) throw new Error(`${name} does not parse`);
  return article;
}

describe("an index grown by segments", () => {
  it("answers every question as a full build of the same knowledge does, after any adds, edits and removals", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const folder = new Map<string, string>();
        let index = buildIndex(buildKnowledgeBase(folderOf(folder)));
        for (const s of steps) {
          const old = folder.get(s.name);
          const oldId = old === undefined ? undefined : parsed(s.name, old).id;
          if (s.kind === "remove") {
            if (old === undefined) continue;
            folder.delete(s.name);
            const delta = applyArticleChanges(index.kb, {
              upserts: [],
              removals: [oldId as string],
            });
            index = updateIndex(index, delta);
          } else {
            const text = `${s.title}\n\n${s.paragraphs.join("\n\n")}\n`;
            folder.set(s.name, text);
            const article = parsed(s.name, text);
            const delta = applyArticleChanges(index.kb, {
              upserts: [article],
              removals: oldId !== undefined && oldId !== article.id ? [oldId] : [],
            });
            index = updateIndex(index, delta);
          }
          const full = buildIndex(buildKnowledgeBase(folderOf(folder)));
          expect(withoutHash(index.kb)).toEqual(withoutHash(full.kb));
          expect(answersOf(index)).toEqual(answersOf(full));
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it("keeps each change in a small segment beside the one built in full", () => {
    const start = buildIndex(buildKnowledgeBase(folderOf(new Map())));
    const added = updateIndex(
      start,
      applyArticleChanges(start.kb, {
        upserts: [parsed("a.txt", "Chabahar\n\nThe Chabahar port opened in 2016.\n")],
        removals: [],
      }),
    );
    expect(segmentsOf(added).segments).toHaveLength(2);
    expect(segmentedShare(added)).toBeGreaterThan(0);
    expect(searchIndex(added, "Chabahar port").hits.map((h) => h.id)).toContain("a#1");
    const removed = updateIndex(
      added,
      applyArticleChanges(added.kb, { upserts: [], removals: ["a"] }),
    );
    expect(searchIndex(removed, "Chabahar port").confidence).toBe("none");
    expect(removed.postings.has("chabahar")).toBe(false);
    expect(removed.postings.surfaceForm("chabahar")).toBeUndefined();
  });

  it("learns the acronyms an added article teaches, and forgets them with it", () => {
    const start = buildIndex(buildKnowledgeBase(folderOf(new Map())));
    const text =
      "Gas Imports\n\nPakistan buys liquefied natural gas (LNG) from Qatar.\n\nThe LNG terminal at Port Qasim opened in 2015.\n";
    const added = updateIndex(
      start,
      applyArticleChanges(start.kb, { upserts: [parsed("lng.txt", text)], removals: [] }),
    );
    const full = buildIndex(buildKnowledgeBase(folderOf(new Map([["lng.txt", text]]))));
    const ask = (index: SearchIndex) =>
      composeAnswer(indexRetriever(index), "liquefied natural gas terminal");
    expect(ask(added)).toEqual(ask(full));
    expect(ask(added).results.map((r) => r.citation.docId)).toContain("lng#2");
    const removed = updateIndex(
      added,
      applyArticleChanges(added.kb, { upserts: [], removals: ["lng"] }),
    );
    expect(ask(removed)).toEqual(ask(start));
  });

  it("keeps an acronym the first build learned when an added article that also teaches it goes", () => {
    const lng = "Gas Imports\n\nPakistan buys liquefied natural gas (LNG) from Qatar.\n";
    const ships = "Shipping\n\nTankers carry liquefied natural gas to Karachi.\n";
    const again = "LNG Terminal\n\nThe liquefied natural gas (LNG) terminal opened in 2015.\n";
    const folder = new Map([
      ["lng.txt", lng],
      ["ships.txt", ships],
    ]);
    const start = buildIndex(buildKnowledgeBase(folderOf(folder)));
    const added = updateIndex(
      start,
      applyArticleChanges(start.kb, { upserts: [parsed("again.txt", again)], removals: [] }),
    );
    const removed = updateIndex(
      added,
      applyArticleChanges(added.kb, { upserts: [], removals: ["again"] }),
    );
    const ask = (index: SearchIndex) => composeAnswer(indexRetriever(index), "LNG tankers");
    expect(ask(removed)).toEqual(ask(start));
    // Only the acronym's long form is in the shipping passage.
    expect(ask(removed).results.map((r) => r.citation.docId)).toContain("ships#1");
  });

  it("merges small segments of one level into one, answering as before", () => {
    const folder = new Map<string, string>();
    let index = buildIndex(buildKnowledgeBase(folderOf(folder)));
    for (let n = 0; n <= MERGE_FACTOR; n++) {
      const name = `n${n}.txt`;
      const text = `Note ${n}\n\nThe Gwadar railway ${n} carried trade.\n\nChabahar port ${n} traded gas in 2014.\n`;
      folder.set(name, text);
      // Every other change also replaces the note before it: merges drop deleted documents.
      const before = n % 2 === 1 ? `n${n - 1}.txt` : undefined;
      const upserts = [parsed(name, text)];
      if (before !== undefined) {
        const edited = `Note ${n - 1}\n\nThe pipeline ${n} was completed.\n`;
        folder.set(before, edited);
        upserts.push(parsed(before, edited));
      }
      index = updateIndex(index, applyArticleChanges(index.kb, { upserts, removals: [] }));
    }
    expect(segmentsOf(index).segments).toHaveLength(MERGE_FACTOR + 2);
    const merged = runSteps(mergeSegmentsSteps(index));
    expect(merged && segmentsOf(merged).segments).toHaveLength(3);
    expect(runSteps(mergeSegmentsSteps(merged as SearchIndex))).toBeUndefined();
    const full = buildIndex(buildKnowledgeBase(folderOf(folder)));
    expect(answersOf(merged as SearchIndex)).toEqual(answersOf(full));
    expect(answersOf(index)).toEqual(answersOf(full));
  });
});
