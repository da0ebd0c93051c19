import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { buildIndex } from "../../src/search/build-index.ts";
import { planConcept } from "../../src/search/plan.ts";
import { prepareSearch } from "../../src/search/prepare.ts";
import {
  chooseNameScoring,
  matchedTerms,
  ScoreAccumulator,
  scoreConcepts,
} from "../../src/search/score.ts";
import { toTerm } from "../../src/text/terms.ts";
import { textArticle } from "../knowledge/fixtures.ts";
import { tinySearch } from "./plan-helpers.ts";

const { prepared, plan, idOf } = tinySearch();
const { lengths, postings, accumulator } = prepared;

function score(question: string, scales: number[] = []) {
  const plans = plan(question);
  const scored = scoreConcepts(plans, scales, lengths, postings.averageFieldLength, accumulator);
  const at = (documentId: string) => {
    const id = idOf(documentId);
    return { score: scored.score[id], mask: scored.mask[id], exact: scored.exact[id] };
  };
  return { plans, scored, at };
}

describe("scoreConcepts", () => {
  it("marks each document with the concepts it matches, and scores it for them", () => {
    const { at } = score("pipeline cricket");
    expect(at("ties#2")).toMatchObject({ mask: 0b01, exact: 0b01 });
    expect(at("ties#5")).toMatchObject({ mask: 0b10, exact: 0b10 });
    expect(at("ties#2").score).toBeGreaterThan(0);
    expect(at("ties#5").score).toBeGreaterThan(0);
    expect(at("ties#4")).toEqual({ score: 0, mask: 0, exact: 0 });
  });

  it("lists in `touched` exactly the documents it matched", () => {
    const { scored } = score("cricket");
    const touched = [...scored.touched.subarray(0, scored.count)];
    expect(touched).toEqual([idOf("ties#5")]);
  });

  it("counts a concept scaled to 0 as matched without adding to the score", () => {
    const alone = score("pipeline").at("ties#2").score;
    const { at } = score("cricket pipeline", [0, 1]);
    expect(at("ties#5")).toMatchObject({ score: 0, mask: 0b01 });
    expect(at("ties#2")).toMatchObject({ score: alone, mask: 0b10 });
  });

  it("scores more for the rarer of two words in the same passage", () => {
    // "border" is in one passage and a fact; "pakistan" in four passages.
    const rare = score("border").at("ties#1").score ?? 0;
    const common = score("pakistan").at("ties#1").score ?? 0;
    expect(rare).toBeGreaterThan(common);
  });

  it("matches through a typo correction, but not exactly", () => {
    const { at } = score("pipelne");
    expect(at("ties#2").mask).toBe(0b1);
    expect(at("ties#2").exact).toBe(0);
    expect(at("ties#2").score).toBeLessThan(score("pipeline").at("ties#2").score ?? 0);
  });

  it("counts a concept once per document, by its best name", () => {
    // "Bajwa" and "General Bajwa"'s alias "COAS" name one concept: asking by the alias scores
    // the passage as asking by the name does.
    expect(score("COAS").at("ties#3").score).toBe(score("bajwa").at("ties#3").score);
  });

  it("forgets the previous question's documents", () => {
    score("cricket");
    expect(score("pipeline").at("ties#5")).toEqual({ score: 0, mask: 0, exact: 0 });
  });
});

describe("matchedTerms", () => {
  it("gives the index terms of the question that the document has", () => {
    const { plans } = score("pipeline cricket electricity");
    expect(matchedTerms(plans, idOf("ties#2"))).toEqual([toTerm("pipeline")]);
    expect(matchedTerms(plans, idOf("ties#1"))).toEqual([]);
  });
});

describe("scoring a name of several words", () => {
  const WORDS = ["pakistan", "iran", "border", "trade", "gas", "pipeline", "talks", "tehran"];
  const knowledgeOf = (paragraphs: string[][], titles: string[]) =>
    buildKnowledgeBase(
      titles.map((title, i) =>
        textArticle(
          `articles/a${i}.txt`,
          title,
          paragraphs.slice(i * 4, i * 4 + 4).map((p) => p.join(" ")),
        ),
      ),
    );
  const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 });

  it("gives the same scores, in the same order, by probing as by reading every word's postings", () => {
    fc.assert(
      fc.property(
        fc.array(sentence, { minLength: 12, maxLength: 12 }),
        fc.array(fc.constantFrom("Border talks", "Gas pipeline", "Iran", "Trade"), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.array(
          fc.array(fc.constantFrom(...WORDS, "bordr", "pipelin", "tehrn"), {
            minLength: 2,
            maxLength: 4,
          }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (paragraphs, titles, names) => {
          const index = buildIndex(knowledgeOf(paragraphs, titles));
          const prepared = prepareSearch(index);
          const { postings } = prepared;
          const isKnown = (term: string) => postings.surfaceForm(term) !== undefined;
          const context = { postings, isKnown, correct: prepared.correct };
          const plans = names.map((words) => {
            const terms = words.map((w) => toTerm(w) ?? w);
            return planConcept({ asked: terms, alternatives: [terms] }, context);
          });
          const scored = (scoring: "probes" | "postings") => {
            const into = new ScoreAccumulator(postings.documentCount);
            scoreConcepts(
              plans,
              [],
              prepared.lengths,
              postings.averageFieldLength,
              into,
              () => scoring,
            );
            const touched = [...into.touched.subarray(0, into.count)];
            return touched.map((id) => [id, into.score[id], into.mask[id], into.exact[id]]);
          };
          const byProbes = scored("probes");
          expect(scored("postings")).toEqual(byProbes);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("scores a name of words in more than a thousand documents as probing does", () => {
    const paragraphs = Array.from({ length: 1_500 }, (_, i) =>
      i % 3 === 0 ? `Pakistan trade ${i}.` : `Pakistan and Iran talks ${i}.`,
    );
    const index = buildIndex(
      buildKnowledgeBase([textArticle("articles/many.txt", "Border talks", paragraphs)]),
    );
    const prepared = prepareSearch(index);
    const { postings } = prepared;
    const context = { postings, isKnown: () => true, correct: prepared.correct };
    const plans = [
      planConcept({ asked: ["pakistan", "iran"], alternatives: [["pakistan", "iran"]] }, context),
    ];
    const scored = (scoring: "probes" | "postings") => {
      const into = new ScoreAccumulator(postings.documentCount);
      scoreConcepts(plans, [], prepared.lengths, postings.averageFieldLength, into, () => scoring);
      return [...into.touched.subarray(0, into.count)].map((id) => [
        id,
        into.score[id],
        into.exact[id],
      ]);
    };
    const byProbes = scored("probes");
    expect(byProbes.length).toBeGreaterThan(1_024);
    expect(scored("postings")).toEqual(byProbes);
  });

  it("reads postings when the words are about as common, and probes for a much rarer one", () => {
    const word = (size: number) => [{ term: "w", weight: 1, fields: [], size }];
    expect(chooseNameScoring([word(2_000), word(7_000)])).toBe("postings");
    expect(chooseNameScoring([word(100), word(7_000)])).toBe("probes");
  });
});
