import { expect, test } from "vitest";
import { followConversation } from "../../src/conversation/context-store.ts";
import { carriedSubject, isFollowUp, readInContext } from "../../src/conversation/follow-up.ts";
import { createMemoryConversationStore } from "../../src/store/memory/conversation-store.ts";

test.each([
  ["and how long is it?", true],
  ["how long?", true],
  ["What about Chabahar?", true],
  ["when was it supposed to be completed?", true],
  ["who signed them", true],
  ["Chabahar port", false],
  ["how long is the Iran Pakistan border?", false],
  [
    "what did the army chief discuss with the president during his visit to Tehran last week",
    false,
  ],
])("%j is a follow-up: %s", (question, expected) => {
  expect(isFollowUp(question)).toBe(expected);
});

test("a follow-up carries the earlier question's subject, not the word it asked with", () => {
  expect(
    carriedSubject("and when was it supposed to be completed?", "How long is the gas pipeline?"),
  ).toEqual(["gas", "pipeline"]);
  expect(carriedSubject("what about the pipeline's cost", "gas pipeline")).toEqual(["gas"]);
});

test("readInContext adds the carried subject in brackets, and leaves a question of its own alone", () => {
  expect(readInContext("and how long is it?", "the gas pipeline")).toBe(
    "and how long is it? (gas pipeline)",
  );
  expect(readInContext("Chabahar port", "the gas pipeline")).toBe("Chabahar port");
  expect(readInContext("and how long is it?", undefined)).toBe("and how long is it?");
});

test("a chain of follow-ups keeps the subject, until the conversation has gone quiet", async () => {
  let now = new Date("2026-11-27T09:00:00Z");
  const store = createMemoryConversationStore({ now: () => now });
  const ask = (q: string) => followConversation(store, "C1/1.0", q, now);
  expect(await ask("the gas pipeline")).toBe("the gas pipeline");
  expect(await ask("how long is it?")).toBe("how long is it? (gas pipeline)");
  expect(await ask("and when was it due?")).toBe("and when was it due? (gas pipeline)");
  now = new Date(now.getTime() + 31 * 60_000);
  expect(await ask("and how long is it?")).toBe("and how long is it?");
  expect(await followConversation(store, "C1/2.0", "and how long is it?", now)).toBe(
    "and how long is it?",
  );
});
