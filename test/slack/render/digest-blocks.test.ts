import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Digest, DigestFact } from "../../../src/digest/types.ts";
import type { Block } from "../../../src/slack/render/blocks.ts";
import { formatDigestDate, renderDigest } from "../../../src/slack/render/digest-blocks.ts";
import { limitViolations } from "../../../src/slack/render/limits.ts";

/** Everything in `<…>` that is not one of our own links: what Slack would read as a token. */
function strayTokens(texts: readonly string[]): string[] {
  return texts
    .map((t) => t.replace(/<https?:\/\/[^\s<>|]+\|[^<>]*>/g, ""))
    .filter((t) => /[<>]/.test(t));
}

function blockTexts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === "section") return [b.text?.text ?? "", ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === "context") return b.elements.map((e) => e.text);
    if (b.type === "header") return [b.text.text];
    return [];
  });
}

const pipelineFact: DigestFact = {
  id: "pipeline-length",
  subject: "Iran–Pakistan gas pipeline",
  attribute: "length",
  value: "2,775 km",
  citation: { docId: "pakistan-iran#15", title: "Pakistan & Iran", paragraph: 15 },
};

function digest(parts: Partial<Digest> = {}): Digest {
  return {
    date: "2026-05-04",
    first: false,
    articles: [],
    newFacts: [],
    newConflicts: [],
    keyFacts: [pipelineFact],
    questions: { total: 0, answered: 0, topics: [], unanswered: [] },
    totals: { articles: 1, facts: 67 },
    ...parts,
  };
}

describe("renderDigest", () => {
  it("lists new disagreements between articles under 'Sources differ', each value cited", () => {
    const other: DigestFact = {
      ...pipelineFact,
      id: "b#2.x1",
      value: "2,700 km",
      citation: { docId: "report#2", title: "Report", paragraph: 2 },
    };
    const text = renderDigest(
      digest({
        newConflicts: [
          { subject: "Gas <!channel>", attribute: "length", values: [pipelineFact, other] },
        ],
      }),
    ).blocks;
    const shown = JSON.stringify(text);
    expect(shown).toContain("*Sources differ*");
    expect(shown).toMatch(/• \*Gas &lt;!channel&gt;\*, length: 2,775 km \[\d\] · 2,700 km \[\d\]/);
  });

  it("dates the header and cites key facts like an answer", () => {
    const message = renderDigest(digest());
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Pakistan–Iran digest · Monday 4 May 2026", emoji: true },
    });
    const texts = blockTexts(message.blocks).join("\n");
    expect(texts).toContain("Nothing new since the last digest.");
    expect(texts).toContain("• *Iran–Pakistan gas pipeline*, length: 2,775 km [1]\n".trimEnd());
    expect(texts).toContain("[1] *Pakistan &amp; Iran* · ¶15");
    expect(texts).toContain("No questions since the last digest.");
    expect(strayTokens(blockTexts(message.blocks))).toEqual([]);
    expect(message.text).toBe(
      "Pakistan–Iran digest for Monday 4 May 2026: 1 key fact, 0 questions.",
    );
    expect(limitViolations(message)).toEqual([]);
  });

  it("lists new and updated articles with linked citations, numbering each passage once", () => {
    const message = renderDigest(
      digest({
        articles: [
          {
            id: "a",
            title: "Border <trade>",
            lead: "Trade grew.",
            status: "changed",
            citation: {
              docId: "a#1",
              title: "Border <trade>",
              paragraph: 1,
              url: "https://x.org/a",
            },
          },
        ],
        newFacts: [{ ...pipelineFact, id: "f2", asOf: "2019" }],
        keyFacts: [pipelineFact],
      }),
    );
    const texts = blockTexts(message.blocks).join("\n");
    expect(texts).toContain("• *Border &lt;trade&gt;* (updated): Trade grew. [1]");
    expect(texts).toContain("_1 new fact:_");
    expect(texts).toContain("length: 2,775 km (as of 2019) [2]");
    expect(texts).toContain("[1] *<https://x.org/a|Border &lt;trade&gt;>* · ¶1");
    // The key fact cites the same passage as the new fact: it keeps number 2.
    expect(texts).toMatch(/length: 2,775 km \[2\]/);
    expect(texts.match(/\[2\] \*Pakistan &amp; Iran\*/g)).toHaveLength(1);
  });

  it("says what the team asked and never lets a question ping anyone", () => {
    const message = renderDigest(
      digest({
        questions: {
          total: 12,
          answered: 9,
          topics: [
            { topic: "pipeline", count: 5 },
            { topic: "Qamar Javed Bajwa", count: 2 },
          ],
          unanswered: [
            { text: "Who is <!channel> & <@U123>?", count: 2 },
            { text: "<!here> trade volume", count: 1 },
          ],
        },
      }),
    );
    const texts = blockTexts(message.blocks).join("\n");
    expect(texts).toContain("12 questions since the last digest, 9 answered.");
    expect(texts).toContain("Most asked about: *pipeline* (5), *Qamar Javed Bajwa* (2)");
    expect(texts).toContain("• “Who is &lt;!channel&gt; &amp; &lt;@U123&gt;?” ×2");
    expect(texts).not.toMatch(/<!|<@/);
  });

  it("cuts long lists with a count of what was left out", () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ text: `question ${i}?`, count: 1 }));
    const message = renderDigest(
      digest({ questions: { total: 25, answered: 0, topics: [], unanswered: many } }),
      { maxItems: 10 },
    );
    const texts = blockTexts(message.blocks).join("\n");
    expect(texts).toContain("question 9?");
    expect(texts).not.toContain("question 10?");
    expect(texts).toContain("_…and 15 more_");
  });

  it("stays within Slack's limits for any digest, however big", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 400 });
    const citation = fc.record({
      docId: fc.string({ minLength: 1, maxLength: 20 }),
      title: text,
      paragraph: fc.nat(200),
      url: fc.option(fc.webUrl(), { nil: undefined }),
    });
    const digestFact = fc.record({
      id: fc.string(),
      subject: text,
      attribute: text,
      value: text,
      citation,
    });
    const arbitraryDigest: fc.Arbitrary<Digest> = fc.record({
      date: fc
        .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      first: fc.boolean(),
      articles: fc.array(
        fc.record({
          id: fc.string(),
          title: text,
          lead: fc.string({ maxLength: 3000 }),
          status: fc.constantFrom("new" as const, "changed" as const),
          citation,
        }),
        { maxLength: 60 },
      ),
      newFacts: fc.array(digestFact, { maxLength: 60 }),
      newConflicts: fc.array(
        fc.record({
          subject: text,
          attribute: text,
          values: fc.array(digestFact, { minLength: 2, maxLength: 6 }),
        }),
        { maxLength: 30 },
      ),
      keyFacts: fc.array(digestFact, { maxLength: 12 }),
      questions: fc.record({
        total: fc.nat(10_000),
        answered: fc.nat(10_000),
        topics: fc.array(fc.record({ topic: text, count: fc.nat(99) }), { maxLength: 10 }),
        unanswered: fc.array(fc.record({ text, count: fc.nat(99) }), { maxLength: 80 }),
      }),
      totals: fc.record({ articles: fc.nat(), facts: fc.nat() }),
    });
    fc.assert(
      fc.property(arbitraryDigest, fc.integer({ min: 1, max: 60 }), (d, maxItems) => {
        const message = renderDigest(d, { maxItems });
        expect(limitViolations(message)).toEqual([]);
        expect(strayTokens(blockTexts(message.blocks))).toEqual([]);
        expect(message.blocks[0]?.type).toBe("header");
      }),
      { numRuns: 150 },
    );
  });
});

describe("formatDigestDate", () => {
  it("names the weekday of the local date itself, not of the machine's zone", () => {
    expect(formatDigestDate("2026-03-08")).toBe("Sunday 8 March 2026");
    expect(formatDigestDate("2026-12-31")).toBe("Thursday 31 December 2026");
  });
});
