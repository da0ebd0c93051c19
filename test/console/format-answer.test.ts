import { describe, expect, it } from "vitest";
import type { Answer, AnswerResult } from "../../src/answer/types.ts";
import { formatAnswer } from "../../src/console/format-answer.ts";

const PASSAGE =
  "Rouhani asked Pakistan to expedite work on the 2,775km gas pipeline. It has been laid until the Pakistani border.";
const citation = { docId: "pakistan-iran#15", title: "Pakistan and Iran", paragraph: 15 };

const fact = (attribute: string, value: string, origin: "curated" | "extracted" = "curated") =>
  ({
    kind: "fact",
    snippet: PASSAGE,
    marks: [],
    passage: PASSAGE,
    citation,
    value,
    fact: { id: attribute, origin, subject: "Gas pipeline", attribute, value },
    score: 2,
  }) satisfies AnswerResult;

const passage: AnswerResult = {
  kind: "passage",
  snippet: PASSAGE,
  marks: [[PASSAGE.indexOf("pipeline"), PASSAGE.indexOf("pipeline") + "pipeline".length]],
  passage: PASSAGE,
  citation,
  score: 1,
};

const answer = (results: AnswerResult[]): Answer => ({
  query: "pipeline",
  results,
  confidence: "direct",
  missed: [],
  corrections: [],
  truncated: false,
  suggestions: [],
  terms: ["pipeline"],
  hasMore: false,
  nextOffset: 1,
  conflicts: [],
});

describe("formatAnswer", () => {
  it("quotes a passage once, the facts that quote it on one line above the quote", () => {
    const text = formatAnswer(
      answer([fact("length", "2,775 km"), fact("laid as far as", "the Pakistani border"), passage]),
    );
    expect(text).toBe(
      [
        "Facts:",
        "[1] Gas pipeline: length 2,775 km · laid as far as the Pakistani border",
        "    “Rouhani asked Pakistan to expedite work on the 2,775km gas **pipeline**. It has been laid until the Pakistani border.”",
        "    — Pakistan and Iran, ¶15 (pakistan-iran#15)",
      ].join("\n"),
    );
  });

  it("lists a passage no fact quotes under Passages, numbered after the facts", () => {
    const other = { ...passage, citation: { ...citation, docId: "pakistan-iran#3", paragraph: 3 } };
    const text = formatAnswer(answer([fact("length", "2,775 km"), other]));
    expect(text).toContain("Passages:\n[2] “");
    expect(text.match(/\(pakistan-iran#\d+\)/g)).toEqual([
      "(pakistan-iran#15)",
      "(pakistan-iran#3)",
    ]);
  });

  it("says which facts were extracted automatically", () => {
    expect(formatAnswer(answer([fact("length", "909 km", "extracted")]))).toContain(
      "length 909 km (extracted automatically)",
    );
  });
});
