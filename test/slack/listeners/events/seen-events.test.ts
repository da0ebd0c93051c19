import { expect, test } from "vitest";
import { withoutMention } from "../../../../src/slack/listeners/events/index.ts";
import { createSeenEvents } from "../../../../src/slack/listeners/events/seen-events.ts";

test("an event id is new once, then a repeat until it expires", () => {
  let now = 0;
  const seen = createSeenEvents({ ttlMs: 1000, now: () => now });
  expect(seen.firstTime("Ev1")).toBe(true);
  expect(seen.firstTime("Ev1")).toBe(false);
  now = 999;
  expect(seen.firstTime("Ev1")).toBe(false);
  now = 1001;
  expect(seen.firstTime("Ev1")).toBe(true);
});

test("memory stays bounded: past maxIds the oldest ids are forgotten", () => {
  const seen = createSeenEvents({ maxIds: 2, now: () => 0 });
  for (const id of ["a", "b", "c"]) expect(seen.firstTime(id)).toBe(true);
  expect(seen.firstTime("c")).toBe(false);
  expect(seen.firstTime("a")).toBe(true);
});

test("withoutMention drops the bot's mentions, and only the leading one when the bot's id is unknown", () => {
  expect(withoutMention("<@U08BOT> border <@U08BOT|iranpak> <@U1>", "U08BOT")).toBe(
    " border  <@U1>",
  );
  expect(withoutMention("<@U08BOT> border <@U1>", undefined)).toBe(" border <@U1>");
});
