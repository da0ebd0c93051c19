import { expect, test } from "vitest";
import { withoutMention } from "../../../src/slack/listeners/events/index.ts";
import { createSeenEvents } from "../../../src/store/memory/seen-events.ts";

// Expiry and repeats are in the contract both stores pass: test/store/seen-events.test.ts.
test("memory stays bounded: past maxIds the oldest ids are forgotten", async () => {
  const seen = createSeenEvents({ maxIds: 2, now: () => 0 });
  for (const id of ["a", "b", "c"]) expect(await seen.firstTime(id)).toBe(true);
  expect(await seen.firstTime("c")).toBe(false);
  expect(await seen.firstTime("a")).toBe(true);
});

test("withoutMention drops the bot's mentions, and only the leading one when the bot's id is unknown", () => {
  expect(withoutMention("<@U08BOT> border <@U08BOT|iranpak> <@U1>", "U08BOT")).toBe(
    " border  <@U1>",
  );
  expect(withoutMention("<@U08BOT> border <@U1>", undefined)).toBe(" border <@U1>");
});
