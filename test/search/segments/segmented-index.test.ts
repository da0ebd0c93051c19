import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../../src/answer/compose.ts";
import { buildKnowledgeBase } from "../../../src/knowledge/build-knowledge-base.ts";
import { applyArticleChanges } from "../../../src/knowledge/update-knowledge.ts";
import { buildIndex, type SearchIndex } from "../../../src/search/build-index.ts";
import { indexRetriever } from "../../../src/search/index-retriever.ts";
import type { Postings } from "../../../src/search/postings.ts";
import { prepareSearch } from "../../../src/search/prepare.ts";
import { searchIndex } from "../../../src/search/query.ts";
import {
  MERGE_FACTOR,
  mergeSegmentsSteps,
  segmentedShare,
  segmentsOf,
  updateIndex,
} from "../../../src/search/segments/segmented-index.ts";
import type { SegmentedPostings } from "../../../src/search/segments/segmented-postings.ts";
import { runSteps } from "../../../src/util/cooperative.ts";
import { textArticle } from "../../knowledge/fixtures.ts";
import { answersOf, applyStep, folderOf, parsed, step, withoutHash } from "./random-changes.ts";

describe("an index grown by segments", () => {
  it("answers every question as a full build of the same knowledge does, after any adds, edits and removals", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const folder = new Map<string, string>();
        let index = buildIndex(buildKnowledgeBase(folderOf(folder)));
        for (const s of steps) {
          index = applyStep(folder, index, s);
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

  it("corrects a typo by its own articles' words when another index grown from the same one has others", () => {
    const start = buildIndex(buildKnowledgeBase(folderOf(new Map())));
    const grow = (name: string, text: string) =>
      updateIndex(
        start,
        applyArticleChanges(start.kb, { upserts: [parsed(name, text)], removals: [] }),
      );
    const port = "Ports\n\nThe Chabahar harbour handled cargo.\n";
    const rail = "Railways\n\nThe Quetta railway carried cargo.\n";
    const withPort = grow("port.txt", port);
    const withRail = grow("rail.txt", rail);
    const ask = (index: SearchIndex) => {
      const retriever = indexRetriever(index);
      return ["Chabahr harbour", "Quetta railwy", "harbor"].map((q) => ({
        answer: composeAnswer(retriever, q),
        near: retriever.nearTerms(q.split(" ")[0]?.toLowerCase() ?? "", 2),
        corrected: q.split(" ").map((word) => prepareSearch(index).correct(word.toLowerCase())),
      }));
    };
    // Each asked after both exist: the words of one must not correct the other's questions.
    const fullPort = buildIndex(buildKnowledgeBase(folderOf(new Map([["port.txt", port]]))));
    const fullRail = buildIndex(buildKnowledgeBase(folderOf(new Map([["rail.txt", rail]]))));
    expect(ask(withPort)).toEqual(ask(fullPort));
    expect(ask(withRail)).toEqual(ask(fullRail));
    expect(ask(withPort)).toEqual(ask(fullPort));
    expect(ask(start)).toEqual(ask(buildIndex(buildKnowledgeBase(folderOf(new Map())))));
  });

  it("merges the largest words of a one-segment index before its first change serves", () => {
    const ports = Array.from({ length: 5_100 }, (_, i) => `Gwadar harbour report number ${i}.`);
    const start = buildIndex(
      buildKnowledgeBase([textArticle("articles/ports.txt", "Ports", ports)]),
    );
    const largest = (start.postings as Postings).largestTerms(32, 5_000);
    expect(largest).toEqual(expect.arrayContaining(["gwadar", "harbor", "report"]));
    const grown = add(start, "a.txt", "Trade\n\nGwadar trade grew.\n");
    expect(largestMerged(grown).sort()).toEqual(largest.sort());
    expect(searchIndex(grown, "Gwadar harbour")).toEqual(
      searchIndex(buildIndex(grown.kb), "Gwadar harbour"),
    );
  });

  it("merges the common words the index before it had merged before it serves", () => {
    const start = buildIndex(buildKnowledgeBase(folderOf(new Map())));
    const notes = Array.from({ length: 5_100 }, (_, i) => `Chabahar port note ${i}.`);
    const grown = add(start, "a.txt", `Chabahar\n\n${notes.join("\n\n")}\n`);
    expect(largestMerged(grown)).toEqual([]);
    searchIndex(grown, "Chabahar port");
    expect(largestMerged(grown)).toEqual(["chabahar", "port"]);
    const next = add(grown, "b.txt", "Trade\n\nGwadar trade grew.\n");
    expect(largestMerged(next)).toEqual(["chabahar", "port"]);
    expect(searchIndex(next, "Chabahar port")).toEqual(
      searchIndex(buildIndex(next.kb), "Chabahar port"),
    );
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

/** `index` with the article `name` added (or replaced) as one change. */
function add(index: SearchIndex, name: string, text: string): SearchIndex {
  return updateIndex(
    index,
    applyArticleChanges(index.kb, { upserts: [parsed(name, text)], removals: [] }),
  );
}

/** The words whose merged runs `index` holds with 1,000 postings or more, most first. */
function largestMerged(index: SearchIndex): string[] {
  return (index.postings as SegmentedPostings).largestMerged(32, 1_000);
}
