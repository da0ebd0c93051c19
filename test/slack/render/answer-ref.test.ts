import fc from "fast-check";
import { expect, test } from "vitest";
import { decodeAnswerRef, encodeAnswerRef } from "../../../src/slack/render/answer-ref.ts";
import { SLACK_LIMITS } from "../../../src/slack/render/limits.ts";

test("a button value round-trips the question and offset", () => {
  const ref = { question: 'pipeline "length" & <tariffs>', offset: 6 };
  expect(decodeAnswerRef(encodeAnswerRef(ref))).toEqual(ref);
});

test("a value never exceeds Slack's 2,000 characters; a long question is shortened from its end", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "grapheme", maxLength: 5000 }),
      fc.nat(1000),
      (question, offset) => {
        const value = encodeAnswerRef({ question, offset });
        const back = decodeAnswerRef(value);
        return (
          value.length <= SLACK_LIMITS.buttonValue &&
          back?.offset === offset &&
          question.startsWith(back.question)
        );
      },
    ),
  );
});

test.each([
  undefined,
  "",
  "not json",
  "[1]",
  '{"q":"tariff regime","page":2}',
  '{"q":"x","o":-1}',
  '{"q":1,"o":0}',
])("a value iranpak did not make (%j) reads as nothing", (value) => {
  expect(decodeAnswerRef(value)).toBeUndefined();
});
