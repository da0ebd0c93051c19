import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { SUMMARY_LIMITS, summariseKnowledge } from "../../src/answer/summarise-knowledge.ts";
import type { Fact, KnowledgeBase } from "../../src/knowledge/types.ts";

const fact = (subject: string, attribute: string, n: number): Fact => ({
  id: `f${n}`,
  origin: "extracted",
  subject,
  attribute,
  value: "v",
  article: "a",
  paragraph: 1,
  quote: "v",
  tags: [],
  file: "articles/a.md",
  line: 1,
});

const knowledgeOf = (facts: Fact[]): KnowledgeBase => ({
  articles: [],
  passages: [],
  facts,
  aliases: [],
  conflicts: [],
  hash: "h",
});

/** What help promises, written the plain way: every subject sorted, then read in order. */
function plainSummary(facts: Fact[]): { topics: string[]; examples: string[] } {
  const counts = new Map<string, number>();
  for (const f of facts) counts.set(f.subject, (counts.get(f.subject) ?? 0) + 1);
  const ordered = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([subject]) => subject);
  const examples = ordered
    .map((subject) =>
      facts.find((f) => f.subject === subject && f.attribute.split(" ").length <= 2),
    )
    .filter((f): f is Fact => f !== undefined)
    .map((f) => `${f.attribute} of ${f.subject}?`);
  return {
    topics: ordered.slice(0, SUMMARY_LIMITS.topics),
    examples: examples.slice(0, SUMMARY_LIMITS.examples),
  };
}

// Subjects that tie on their fact count and differ in case and accents, where a plain sort and
// the locale's order disagree.
const SUBJECTS = [
  ...["Gwadar", "gwadar", "Gwädar", "Chabahar", "Iran", "IRAN", "Taftan", "Zahedan", "Quetta"],
  ...[
    "Mand",
    "Pishin",
    "Makran",
    "Balochistan",
    "Sistan",
    "Karachi",
    "Tehran",
    "Islamabad",
    "Kerman",
  ],
];
const ATTRIBUTES = ["length", "type", "completion due", "annual trade value in dollars"];

describe("summariseKnowledge", () => {
  test("names the topics with the most facts first, ties in the locale's order", () => {
    const facts = [
      fact("Iran", "type", 1),
      fact("Chabahar", "type", 2),
      fact("Iran", "length", 3),
      fact("gwadar", "type", 4),
    ];
    expect(summariseKnowledge(knowledgeOf(facts)).topics).toEqual(["Iran", "Chabahar", "gwadar"]);
  });

  test("asks its examples of the first topics with a short attribute, skipping those without", () => {
    const facts = [
      fact("Iran", "annual trade value in dollars", 1),
      fact("Iran", "total border crossing count", 2),
      fact("Chabahar", "type", 3),
    ];
    expect(summariseKnowledge(knowledgeOf(facts)).examples).toEqual(["type of Chabahar?"]);
  });

  test("gives what sorting every subject would, on any knowledge", () => {
    const facts = fc.array(
      fc.record({
        subject: fc.constantFrom(...SUBJECTS),
        attribute: fc.constantFrom(...ATTRIBUTES),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(facts, (drawn) => {
        const made = drawn.map((f, n) => fact(f.subject, f.attribute, n));
        const summary = summariseKnowledge(knowledgeOf(made));
        expect({ topics: summary.topics, examples: summary.examples }).toEqual(plainSummary(made));
      }),
      { numRuns: 300 },
    );
  });
});
