import { describe, expect, it } from "vitest";
import { warmUpQuestions } from "../../src/answer/warm-up-questions.ts";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { BORDER_FACT_YAML } from "../helpers/knowledge-dir.ts";
import { file, textArticle } from "../knowledge/fixtures.ts";

const knowledge = buildKnowledgeBase([
  textArticle("articles/ties.txt", "Ties", [
    "Pakistan and Iran share a 959km border.",
    "Pakistan and Iran signed a gas pipeline deal in Tehran last spring.",
    "Cricket is popular.",
  ]),
  file("facts/border.yml", BORDER_FACT_YAML),
]);

describe("warmUpQuestions", () => {
  it("asks three words from the middle of a passage, the same with a typo, and its first two words", () => {
    const [first, typo, opening] = warmUpQuestions(knowledge, 1);
    expect(first).toBe("gas pipeline deal");
    expect(typo).toBe("gas ppieline deal");
    expect(opening).toBe("Pakistan and");
  });

  it("spreads its passages over the knowledge, each question once", () => {
    const questions = warmUpQuestions(knowledge, 2);
    expect(questions).toContain("Cricket is popular");
    expect(questions).toContain("Pakistan and");
    expect(questions).not.toContain("gas pipeline deal");
    expect(warmUpQuestions(knowledge, 10)).toEqual(warmUpQuestions(knowledge, 3));
    expect(new Set(warmUpQuestions(knowledge, 3)).size).toBe(warmUpQuestions(knowledge, 3).length);
  });

  it("now and then asks a fact's attribute of its subject", () => {
    const asked = knowledge.facts.map((f) => `${f.attribute} of ${f.subject}`);
    expect(warmUpQuestions(knowledge, 1).filter((q) => asked.includes(q))).toHaveLength(1);
  });

  it("asks nothing of empty knowledge", () => {
    expect(warmUpQuestions(buildKnowledgeBase([]), 150)).toEqual([]);
  });
});
