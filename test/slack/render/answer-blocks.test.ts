import { describe, expect, test } from "vitest";
import type { Answer, AnswerResult } from "../../../src/answer/types.ts";
import {
  ACTION_MORE,
  ACTION_SHARE,
  renderAnswer,
} from "../../../src/slack/render/answer-blocks.ts";
import { decodeAnswerRef } from "../../../src/slack/render/answer-ref.ts";
import type { ActionsBlock, SectionBlock } from "../../../src/slack/render/blocks.ts";
import { limitViolations } from "../../../src/slack/render/limits.ts";
import { pingsIn, stringsIn } from "../../helpers/mrkdwn-tokens.ts";

const passage = (over: Partial<AnswerResult> = {}): AnswerResult => ({
  kind: "passage",
  snippet: "Work on the gas pipeline has stalled.",
  marks: [[12, 15]],
  passage: "Work on the gas pipeline has stalled. More text.",
  citation: { docId: "pakistan-iran#16", title: "Pakistan & Iran", paragraph: 16 },
  score: 3,
  ...over,
});

const fact: AnswerResult = {
  kind: "fact",
  snippet: "the 2,775km gas pipeline",
  marks: [],
  passage: "Work goes on on the 2,775km gas pipeline.",
  citation: {
    docId: "pakistan-iran#15",
    title: "Pakistan and Iran",
    paragraph: 15,
    url: "https://example.org/pk-ir",
  },
  value: "2,775 km",
  fact: {
    id: "pipeline-length",
    origin: "curated",
    subject: "Iran–Pakistan gas pipeline",
    attribute: "length",
    value: "2,775",
    unit: "km",
  },
  score: 9,
};

const answer = (over: Partial<Answer> = {}): Answer => ({
  query: "gas pipeline",
  results: [fact, passage()],
  confidence: "direct",
  missed: [],
  corrections: [],
  truncated: false,
  conflicts: [],
  suggestions: [],
  terms: ["gas", "pipeline"],
  hasMore: true,
  nextOffset: 4,
  ...over,
});

const buttonsOf = (blocks: unknown[]) =>
  (blocks.find((b) => (b as ActionsBlock).type === "actions") as ActionsBlock | undefined)
    ?.elements ?? [];

describe("renderAnswer", () => {
  test("repeats the question, then each passage quoted once with bold terms, its facts above it", () => {
    const { blocks } = renderAnswer(answer());
    expect(blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "*Question:* gas pipeline", verbatim: true },
    });
    expect((blocks[1] as SectionBlock).text?.text).toBe(
      "*Iran–Pakistan gas pipeline* · length 2,775 km\n>the 2,775km gas pipeline",
    );
    expect(blocks[2]).toMatchObject({
      type: "context",
      elements: [{ text: "[1] *<https://example.org/pk-ir|Pakistan and Iran>* · ¶15" }],
    });
    expect((blocks[3] as SectionBlock).text?.text).toBe(">Work on the *gas* pipeline has stalled.");
    expect(blocks[4]).toMatchObject({
      type: "context",
      elements: [{ text: "[2] *Pakistan &amp; Iran* · ¶16" }],
    });
  });

  test("quotes a passage that two facts and the passages all cite once, under one citation", () => {
    const laid: AnswerResult = {
      ...fact,
      value: "the Pakistani border",
      fact: {
        ...(fact.fact as NonNullable<AnswerResult["fact"]>),
        id: "pipeline-laid",
        attribute: "laid as far as",
        value: "the Pakistani border",
      },
    };
    const same = passage({
      snippet: fact.snippet,
      passage: fact.passage,
      marks: [[12, 15]],
      citation: fact.citation,
    });
    const text = stringsIn(renderAnswer(answer({ results: [fact, laid, same] })).blocks);
    expect(text.filter((t) => t.includes("¶15"))).toHaveLength(1);
    expect(text.filter((t) => t.includes(">the 2,775km *gas* pipeline"))).toHaveLength(1);
    expect(text).toContain(
      "*Iran–Pakistan gas pipeline* · length 2,775 km · laid as far as the Pakistani border\n>the 2,775km *gas* pipeline",
    );
  });

  test("has a plain-text fallback that names the question and the first result", () => {
    expect(renderAnswer(answer()).text).toBe('Answer to "gas pipeline": 2,775 km');
  });

  test("offers Share and More, whose values carry the question and the next offset", () => {
    const buttons = buttonsOf(renderAnswer(answer(), { share: true, offset: 3 }).blocks);
    expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
      [ACTION_SHARE, "Share in channel"],
      [ACTION_MORE, "More results"],
    ]);
    expect(buttons.map((b) => decodeAnswerRef(b.value))).toEqual([
      { question: "gas pipeline", offset: 3, share: true },
      { question: "gas pipeline", offset: 4 },
    ]);
    expect(decodeAnswerRef(buttons[1]?.value)?.offset).toBe(answer().nextOffset);
  });

  test("with feedback, ends with Helpful and Not helpful, whose values rebuild the answer as shown", () => {
    const id = "0123456789abcdef";
    const message = renderAnswer(answer({ hasMore: false }), {
      share: true,
      feedback: { id },
    });
    const buttons = buttonsOf(message.blocks);
    expect(buttons.map((b) => b.text.text)).toEqual(["Share in channel", "Helpful", "Not helpful"]);
    expect(decodeAnswerRef(buttons[1]?.value)).toEqual({
      question: "gas pipeline",
      offset: 0,
      id,
      share: true,
    });
    expect(stringsIn(message).join("\n")).not.toContain("Thanks for the feedback");
    const voted = renderAnswer(answer(), {
      feedback: { id, tally: { helpful: 2, notHelpful: 1 } },
    });
    expect(stringsIn(voted).join("\n")).toContain(
      "Thanks for the feedback. So far 2 found this helpful, 1 not helpful.",
    );
    expect(voted.blocks.at(-1)?.type).toBe("actions");
  });

  test("an abstention carries the feedback buttons too", () => {
    const none = answer({ confidence: "none", results: [] });
    const buttons = buttonsOf(renderAnswer(none, { feedback: { id: "0123456789abcdef" } }).blocks);
    expect(buttons.map((b) => b.text.text)).toEqual(["Helpful", "Not helpful"]);
  });

  test("offers no More when there is nothing more, and no buttons when asked for none", () => {
    expect(buttonsOf(renderAnswer(answer({ hasMore: false })).blocks)).toEqual([]);
    expect(buttonsOf(renderAnswer(answer(), { more: false }).blocks)).toEqual([]);
  });

  test("says who shared it, with a mention only for a real user id", () => {
    expect(renderAnswer(answer(), { sharedBy: "U05LM8N2PQR" }).blocks[0]).toMatchObject({
      type: "context",
      elements: [{ text: "Shared by <@U05LM8N2PQR>" }],
    });
    expect(pingsIn(renderAnswer(answer(), { sharedBy: "<!here>" }))).toEqual([]);
  });

  test("escapes user and corpus text so nothing in it pings anyone", () => {
    const hostile = "<!here> <!channel> <!everyone> <@U05ABCDEF12> &amp; <b>";
    const message = renderAnswer(
      answer({
        query: hostile,
        results: [
          passage({
            snippet: hostile,
            marks: [[0, 7]],
            citation: { docId: "x#1", title: hostile, paragraph: 1, url: "https://e.org" },
          }),
        ],
      }),
      { share: true },
    );
    expect(pingsIn(message)).toEqual([]);
    expect(stringsIn(message.blocks).join("\n")).toContain("&lt;!here&gt;");
    expect(stringsIn(message.blocks).join("\n")).toContain("&amp;amp;");
  });

  test("stays within Slack's limits for a huge answer", () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      passage({
        snippet: "word ".repeat(700),
        marks: [[0, 4]],
        citation: { docId: `a#${i}`, title: "T".repeat(500), paragraph: i },
      }),
    );
    const message = renderAnswer(
      answer({ query: "q".repeat(5000), results: [...Array(25).fill(fact), ...many] }),
      { share: true },
    );
    expect(limitViolations(message)).toEqual([]);
    expect(buttonsOf(message.blocks)).toHaveLength(2);
  });
});

describe("renderAnswer for facts nobody curated", () => {
  const extracted: AnswerResult = {
    ...fact,
    value: "909 km",
    citation: { docId: "report#2", title: "Frontier report", paragraph: 2 },
    fact: { ...(fact.fact as NonNullable<AnswerResult["fact"]>), origin: "extracted" },
  };

  test("labels an extracted fact as extracted automatically", () => {
    const text = stringsIn(renderAnswer(answer({ results: [extracted] })).blocks).join("\n");
    expect(text).toContain("length 909 km _(extracted automatically)_");
    expect(stringsIn(renderAnswer(answer()).blocks).join("\n")).not.toContain("extracted");
  });

  test("lists each source's value, cited, under 'Sources differ'", () => {
    const conflicts = [
      { subject: "Border <!here>", attribute: "length", results: [fact, extracted] },
    ];
    const text = stringsIn(renderAnswer(answer({ conflicts })).blocks).join("\n");
    expect(text).toContain("*Sources differ* on *Border &lt;!here&gt;* · length:");
    expect(text).toContain("• 2,775 km · *<https://example.org/pk-ir|Pakistan and Iran>* · ¶15");
    expect(text).toContain("• 909 km · *Frontier report* · ¶2");
  });
});

describe("renderAnswer says how sure it is", () => {
  test("a partial match is labelled as the closest, naming the words that matched nothing", () => {
    const text = stringsIn(
      renderAnswer(answer({ confidence: "closest", missed: ["sanction", "<!here>"] })).blocks,
    ).join("\n");
    expect(text).toContain("*No passage answers this directly; the closest:*");
    expect(text).toContain("Nothing matched `sanction`, `&lt;!here&gt;`.");
  });

  test("a direct answer carries no such label", () => {
    expect(stringsIn(renderAnswer(answer()).blocks).join("\n")).not.toContain("closest");
  });

  test("a typo correction is shown with what was typed", () => {
    const text = stringsIn(
      renderAnswer(answer({ corrections: [{ asked: "pipline", shown: "pipeline" }] })).blocks,
    ).join("\n");
    expect(text).toContain("Showing results for *pipeline* (you typed _pipline_)");
  });
});

describe("renderAnswer for an abstention", () => {
  test("says what was searched, suggests, and points to help", () => {
    const message = renderAnswer(
      answer({
        query: "cricket scores",
        results: [],
        confidence: "none",
        terms: ["cricket", "scores"],
        suggestions: ["Chabahar port", "gas pipeline"],
        hasMore: false,
      }),
    );
    const text = stringsIn(message.blocks).join("\n");
    expect(text).toContain("I found nothing in the knowledge base on `cricket`, `scores`.");
    expect(text).toContain("*Did you mean…*\n• Chabahar port\n• gas pipeline");
    expect(text).toContain("`/iranpak help`");
    expect(message.text).toBe('Nothing found for "cricket scores"');
  });

  test("explains a question with no searchable words", () => {
    const message = renderAnswer(
      answer({ query: "what is the", results: [], confidence: "none", terms: [], hasMore: false }),
    );
    expect(stringsIn(message.blocks).join("\n")).toContain(
      "Your question has no words I can search for",
    );
  });
});
