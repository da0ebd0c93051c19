import { describe, expect, it } from "vitest";
import type { Digest } from "../../../src/digest/types.ts";
import type { DigestQuestions } from "../../../src/questions/types.ts";
import { renderDigest } from "../../../src/slack/render/digest-blocks.ts";
import { stringsIn } from "../../helpers/mrkdwn-tokens.ts";

function digestWith(questions: DigestQuestions): Digest {
  return {
    date: "2026-05-04",
    first: false,
    articles: [],
    newFacts: [],
    newConflicts: [],
    keyFacts: [],
    questions,
    totals: { articles: 1, facts: 0 },
  };
}

const shown = (questions: DigestQuestions) =>
  stringsIn(renderDigest(digestWith(questions))).join("\n");

describe("what the team asked, as a digest shows it", () => {
  it("counts unanswered questions it may not quote, without quoting them", () => {
    const text = shown({ total: 3, answered: 1, topics: [], unanswered: [], unlisted: 2 });
    expect(text).toContain("3 questions since the last digest, 1 answered.");
    expect(text).toContain(
      "_Not answered yet (gaps worth a new article):_\n_2 asked privately or in another channel (not quoted)_",
    );
  });

  it("lists the answers the team found wrong among the gaps, escaped, and counts those it may not quote", () => {
    const text = shown({
      total: 4,
      answered: 4,
      topics: [],
      unanswered: [],
      wrong: [{ text: "gas price <!channel>?", count: 2 }],
      wrongUnlisted: 1,
    });
    expect(text).toContain(
      "_Answers the team found wrong (marked not helpful):_\n• “gas price &lt;!channel&gt;?” ×2\n_…and 1 more asked privately or in another channel (not quoted)_",
    );
  });

  it("says why questions are not being kept, even when there are none to count", () => {
    const text = shown({
      total: 0,
      answered: 0,
      topics: [],
      unanswered: [],
      problem: "Questions can't be saved (DATA_DIR is read-only) <!here>",
    });
    expect(text).toContain("No questions since the last digest.");
    expect(text).toContain("_Questions can't be saved (DATA_DIR is read-only) &lt;!here&gt;_");
  });
});
