import { buildIndex } from "../../src/search/build-index.ts";
import { documentIdsOf } from "../../src/search/documents.ts";
import { type ConceptPlan, planConcept } from "../../src/search/plan.ts";
import { prepareSearch } from "../../src/search/prepare.ts";
import { readQuestion } from "../../src/search/read-question.ts";
import { tinyKnowledge } from "./fixtures.ts";

/** The tiny knowledge base's index, prepared, and a way to plan a question's concepts on it. */
export function tinySearch() {
  const index = buildIndex(tinyKnowledge());
  const prepared = prepareSearch(index);
  const { postings } = prepared;
  const isKnown = (term: string) => postings.surfaceForm(term) !== undefined;
  /** The question's concepts, each planned, typos corrected from the words as typed. */
  const plan = (question: string): ConceptPlan[] => {
    const reading = readQuestion(question, {
      aliases: index.aliases,
      isKnown,
      correctWord: prepared.correct,
      maxQuestionLength: 1_000,
      maxConcepts: 24,
    });
    const context = { postings, isKnown, correct: reading.correct };
    return reading.concepts.map((concept) => planConcept(concept, context));
  };
  /** The short id of a document ("ties#2"). */
  const idOf = (documentId: string): number => documentIdsOf(index.kb).indexOf(documentId);
  return { index, prepared, plan, idOf };
}
