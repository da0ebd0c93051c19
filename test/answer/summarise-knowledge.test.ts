import { describe, expect, it } from "vitest";
import { SUMMARY_LIMITS, summariseKnowledge } from "../../src/answer/summarise-knowledge.ts";
import { fact, knowledgeBase } from "../digest/fixtures.ts";

/** `count` facts about `subject`, the first with `attribute`, the rest with a long one. */
function factsAbout(
  subject: string,
  count: number,
  attribute = "capital",
): ReturnType<typeof fact>[] {
  return Array.from({ length: count }, (_, i) =>
    fact(`${subject}-${i}`, {
      subject,
      attribute: i === 0 ? attribute : "share of the trade that crosses the border",
    }),
  );
}

describe("summariseKnowledge", () => {
  it("lists the subjects with most facts first, equal counts by name", () => {
    const kb = knowledgeBase({
      facts: [...factsAbout("Taftan", 1), ...factsAbout("Gwadar", 3), ...factsAbout("Chabahar", 1)],
    });
    expect(summariseKnowledge(kb).topics).toEqual(["Gwadar", "Chabahar", "Taftan"]);
  });

  it("asks its examples of subjects in that order, of their first fact with a short attribute", () => {
    const kb = knowledgeBase({
      facts: [
        ...factsAbout("Gwadar", 3, "depth of the harbour at low tide"),
        ...factsAbout("Chabahar", 2, "operator"),
        ...factsAbout("Taftan", 1, "border crossing"),
      ],
    });
    expect(summariseKnowledge(kb).examples).toEqual([
      "operator of Chabahar?",
      "border crossing of Taftan?",
    ]);
  });

  it("looks past the listed topics for examples, and stops at the limits", () => {
    const many = Array.from({ length: SUMMARY_LIMITS.topics + 5 }, (_, i) =>
      factsAbout(`Subject ${String(i).padStart(2, "0")}`, 2, "the longest attribute of all"),
    ).flat();
    const kb = knowledgeBase({
      facts: [...many, ...factsAbout("Zahedan", 1, "province"), ...factsAbout("Zz", 1, "mayor")],
    });
    const summary = summariseKnowledge(kb);
    expect(summary.topics).toHaveLength(SUMMARY_LIMITS.topics);
    expect(summary.topics[0]).toBe("Subject 00");
    expect(summary.examples).toEqual(["province of Zahedan?", "mayor of Zz?"]);
  });
});
