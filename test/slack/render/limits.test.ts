import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  actions,
  type Block,
  button,
  context,
  divider,
  header,
  mrkdwn,
  section,
} from "../../../src/slack/render/blocks.ts";
import {
  blockTextLength,
  fitMessage,
  LEFT_OUT_NOTE,
  limitViolations,
  packLines,
  SLACK_LIMITS,
  truncateText,
} from "../../../src/slack/render/limits.ts";

describe("truncateText", () => {
  test("leaves short text alone and ends long text with an ellipsis", () => {
    expect(truncateText("short", 10)).toBe("short");
    expect(truncateText("a long sentence here", 10)).toBe("a long se…");
  });

  test("never cuts an escaped entity, a link or a surrogate pair in half", () => {
    expect(truncateText("abc &amp; def", 8)).toBe("abc…");
    expect(truncateText("see <https://example.org|x> ok", 12)).toBe("see…");
    expect(truncateText("ab😀cd", 4)).toBe("ab…");
  });

  test("any text fits, and stays a prefix plus an ellipsis", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.integer({ min: 1, max: 200 }),
        (text, max) => {
          const out = truncateText(text, max);
          if (out.length > max) return false;
          return out === text || text.startsWith(out.slice(0, -1).trimEnd());
        },
      ),
    );
  });
});

describe("packLines", () => {
  test("packs lines into as few texts as fit", () => {
    expect(packLines(["aaaa", "bbbb", "cccc"], 9)).toEqual(["aaaa\nbbbb", "cccc"]);
  });

  test("shortens a line longer than a whole text", () => {
    expect(packLines(["x".repeat(20)], 5)).toEqual(["xxxx…"]);
  });
});

const anyText = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ maxLength: 5000 }),
  fc.constantFrom("&amp;".repeat(1000), "<https://x.org|y>".repeat(300)),
);
const anyBlock: fc.Arbitrary<Block> = fc.oneof(
  anyText.map(section),
  // No renderer makes field sections today; fitMessage still keeps them within Slack's limits.
  fc
    .array(anyText, { maxLength: 14 })
    .map((texts): Block => ({ type: "section", fields: texts.map(mrkdwn) })),
  fc.array(anyText, { maxLength: 14 }).map((texts) => context(...texts)),
  anyText.map(header),
  fc.constant(divider()),
  fc
    .array(fc.tuple(anyText, anyText), { maxLength: 30 })
    .map((bs) => actions(...bs.map(([label, value]) => button("a", label, value)))),
);

describe("fitMessage", () => {
  test("makes any message, however large, fit every Slack limit", () => {
    fc.assert(
      fc.property(anyText, fc.array(anyBlock, { maxLength: 80 }), (text, blocks) => {
        const fitted = fitMessage({ text, blocks });
        expect(limitViolations(fitted)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  test("leaves a message within the limits as it is", () => {
    const message = {
      text: "hi",
      blocks: [section("a"), context("b"), actions(button("x", "Go", "1"))],
    };
    expect(fitMessage(message)).toBe(message);
  });

  test("changes nothing in a message it has already fitted", () => {
    fc.assert(
      fc.property(anyText, fc.array(anyBlock, { maxLength: 80 }), (text, blocks) => {
        const fitted = fitMessage({ text, blocks });
        expect(fitMessage(structuredClone(fitted))).toEqual(fitted);
      }),
      { numRuns: 150 },
    );
  });

  test("keeps the buttons and says what was left out when blocks are too many", () => {
    const blocks = [
      ...Array.from({ length: 70 }, (_, i) => section(`result ${i}`)),
      actions(button("more", "More", "v")),
    ];
    const fitted = fitMessage({ text: "t", blocks });
    expect(fitted.blocks).toHaveLength(SLACK_LIMITS.blocksPerMessage);
    expect(fitted.blocks.at(-1)).toEqual(actions(button("more", "More", "v")));
    expect(fitted.blocks.at(-2)).toEqual(context(LEFT_OUT_NOTE));
    expect(fitted.blocks[0]).toEqual(section("result 0"));
  });

  test("keeps the total block text under the budget by shortening and dropping late blocks", () => {
    const blocks = Array.from({ length: 10 }, () => section("y".repeat(2900)));
    const fitted = fitMessage({ text: "t", blocks });
    const total = fitted.blocks.reduce((n, b) => n + blockTextLength(b), 0);
    expect(total).toBeLessThanOrEqual(SLACK_LIMITS.blockText);
    expect(fitted.blocks.at(-1)).toEqual(context(LEFT_OUT_NOTE));
    expect(fitted.blocks.length).toBeLessThan(blocks.length + 1);
  });
});

describe("limitViolations", () => {
  test("names each limit a message breaks", () => {
    expect(
      limitViolations({
        text: "",
        blocks: [section("x".repeat(3001)), actions(button("a", "b".repeat(76), "v"))],
      }),
    ).toEqual([
      "text: empty fallback",
      "block 0 (section) text: 3001 > 3000",
      "block 1 (actions) button text: 76 > 75",
    ]);
  });
});
