import { describe, expect, it } from "vitest";
import { composeDigest, selectKeyFacts, snapshotOf } from "../../src/digest/compose.ts";
import { addDays } from "../../src/digest/schedule.ts";
import type { DigestSnapshot } from "../../src/digest/types.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import type { DigestQuestions } from "../../src/questions/types.ts";
import { article, fact, knowledgeBase, manyFacts } from "./fixtures.ts";

const NO_QUESTIONS: DigestQuestions = { total: 0, answered: 0, topics: [], unanswered: [] };

describe("composeDigest", () => {
  it("lists every article as new in a channel's first digest, cited to its first paragraph", () => {
    const kb = knowledgeBase({
      articles: [
        article("pipeline", ["The pipeline is long. It crosses the border."], {
          title: "Gas pipeline",
          url: "https://example.org/p",
        }),
      ],
      facts: [fact("f1", { article: "pipeline" })],
    });
    const digest = composeDigest({
      kb,
      since: undefined,
      questions: NO_QUESTIONS,
      date: "2026-05-04",
    });
    expect(digest.first).toBe(true);
    expect(digest.articles).toEqual([
      {
        id: "pipeline",
        title: "Gas pipeline",
        lead: "The pipeline is long.",
        status: "new",
        citation: {
          docId: "pipeline#1",
          title: "Gas pipeline",
          paragraph: 1,
          url: "https://example.org/p",
        },
      },
    ]);
    expect(digest.newFacts).toEqual([]);
    expect(digest.totals).toEqual({ articles: 1, facts: 1 });
  });

  it("shows only new and changed articles and new facts since the last snapshot", () => {
    const before = knowledgeBase({
      articles: [article("a", ["Old text."]), article("b", ["Unchanged."])],
      facts: [fact("f1")],
    });
    const since = snapshotOf(before);
    const after = knowledgeBase({
      articles: [
        article("a", ["Old text, now longer."]),
        article("b", ["Unchanged."]),
        article("c", ["Brand new."]),
      ],
      facts: [fact("f1"), fact("f2", { article: "c", paragraph: 1, unit: "km", value: "959" })],
    });
    const digest = composeDigest({ kb: after, since, questions: NO_QUESTIONS, date: "2026-05-04" });
    expect(digest.first).toBe(false);
    expect(digest.articles.map((a) => [a.id, a.status])).toEqual([
      ["a", "changed"],
      ["c", "new"],
    ]);
    expect(digest.newFacts).toEqual([
      {
        id: "f2",
        subject: "Subject f2",
        attribute: "length",
        value: "959 km",
        citation: { docId: "c#1", title: "Title of c", paragraph: 1 },
      },
    ]);
  });

  it("still has key facts on a day with nothing new and no questions", () => {
    const kb = knowledgeBase({ facts: manyFacts(10) });
    const digest = composeDigest({
      kb,
      since: snapshotOf(kb),
      questions: NO_QUESTIONS,
      date: "2026-05-04",
    });
    expect(digest.articles).toEqual([]);
    expect(digest.newFacts).toEqual([]);
    expect(digest.keyFacts).toHaveLength(3);
    expect(digest.questions).toEqual({ total: 0, answered: 0, topics: [], unanswered: [] });
  });

  it("carries what the team asked as the question log summarised it for the channel", () => {
    const questions: DigestQuestions = {
      total: 3,
      answered: 1,
      topics: [{ topic: "pipeline", count: 2 }],
      unanswered: [{ text: "gas price?", count: 1 }],
      unlisted: 1,
    };
    const digest = composeDigest({
      kb: knowledgeBase(),
      since: undefined,
      questions,
      date: "2026-05-04",
    });
    expect(digest.questions).toEqual(questions);
  });

  it("gives the same digest for the same input", () => {
    const kb = knowledgeBase({ facts: manyFacts(25) });
    const questions = { ...NO_QUESTIONS, total: 1, unanswered: [{ text: "gas price?", count: 1 }] };
    const input = { kb, since: undefined, questions, date: "2026-07-01" };
    expect(composeDigest(input)).toEqual(composeDigest(structuredClone(input)));
  });
});

describe("selectKeyFacts", () => {
  it("picks the same facts for the same date, whatever the file order", () => {
    const facts = manyFacts(40);
    const one = selectKeyFacts(facts, "2026-05-04", 3).map((f) => f.id);
    const reversed = selectKeyFacts([...facts].reverse(), "2026-05-04", 3).map((f) => f.id);
    expect(one).toEqual(reversed);
    expect(new Set(one).size).toBe(3);
  });

  it("rotates from day to day", () => {
    const facts = manyFacts(40);
    const monday = selectKeyFacts(facts, "2026-05-04", 3).map((f) => f.id);
    const tuesday = selectKeyFacts(facts, "2026-05-05", 3).map((f) => f.id);
    expect(tuesday.filter((id) => monday.includes(id))).toEqual([]);
  });

  it("covers every fact within ceil(facts / count) consecutive days from any start", () => {
    for (const [n, count, start] of [
      [40, 3, "2026-05-04"],
      [67, 3, "2027-01-31"],
      [7, 3, "2026-12-30"],
      [5, 5, "2026-02-01"],
      [2, 3, "2026-02-01"],
    ] as const) {
      const facts = manyFacts(n);
      const seen = new Set<string>();
      const days = Math.ceil(n / Math.min(count, n));
      for (let d = 0; d < days; d++) {
        for (const f of selectKeyFacts(facts, addDays(start, d), count)) seen.add(f.id);
      }
      expect(seen.size).toBe(n);
    }
  });

  it("is empty when there are no facts", () => {
    expect(selectKeyFacts([], "2026-05-04", 3)).toEqual([]);
  });
});

describe("snapshotOf", () => {
  it("records each article's hash and every fact id", () => {
    const kb = knowledgeBase({
      articles: [article("a", ["x"], { hash: "h1" })],
      facts: [fact("f1"), fact("f2")],
    });
    expect(snapshotOf(kb)).toEqual({
      articleHashes: { a: "h1" },
      factIds: ["f1", "f2"],
      conflictKeys: [],
    });
  });

  it("lists a disagreement between articles once: in the digest after it appears", () => {
    const facts = [fact("f1"), fact("f2", { article: "b", value: "909" })];
    const conflicts = [{ subject: "Subject", attribute: "length", facts }];
    const before = knowledgeBase({ facts });
    const after = knowledgeBase({ facts, conflicts });
    const compose = (kb: KnowledgeBase, since: DigestSnapshot) =>
      composeDigest({ kb, since, questions: NO_QUESTIONS, date: "2026-05-04" });
    const first = compose(after, snapshotOf(before));
    expect(first.newConflicts.map((c) => c.values.map((v) => v.value))).toEqual([["200", "909"]]);
    expect(compose(after, snapshotOf(after)).newConflicts).toEqual([]);
  });

  it("shows only curated facts as new or key facts when the knowledge has curated ones", () => {
    const kb = knowledgeBase({ facts: [fact("f1"), fact("a#1.x1", { origin: "extracted" })] });
    const digest = composeDigest({
      kb,
      since: snapshotOf(knowledgeBase()),
      questions: NO_QUESTIONS,
      date: "2026-05-04",
      options: { keyFacts: 5 },
    });
    expect(digest.newFacts.map((f) => f.id)).toEqual(["f1"]);
    expect(digest.keyFacts.map((f) => f.id)).toEqual(["f1"]);
  });
});
