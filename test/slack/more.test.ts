import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { LastQuestion, MoreKey, MoreStore } from "../../src/conversation/more-store.ts";
import { ACTION_MORE } from "../../src/slack/render/answer-blocks.ts";
import { createMemoryMoreStore } from "../../src/store/memory/more-store.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import {
  buttonClick,
  type Json,
  slashCommandFields,
  socketModeEnvelopes,
  uniqueId,
} from "../helpers/payloads.ts";
import { commandForm, interactionForm, postSigned } from "../helpers/sign-request.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

const HOUR = 3_600_000;
let now = new Date("2026-11-27T09:00:00Z");
const written: { key: MoreKey; last: LastQuestion }[] = [];

/** The default store, recording what it is asked to keep. */
function recordingStore(): MoreStore {
  const store = createMemoryMoreStore({ now: () => now });
  return {
    get: (key) => store.get(key),
    set: (key, last) => {
      written.push({ key, last });
      return store.set(key, last);
    },
  };
}

const shown = (message: unknown) => stringsIn(message).join("\n");
/** The passages a page quotes (a fact's lines, when it has any, come before the quote). */
const cited = (message: unknown) =>
  stringsIn(message).flatMap((t) => t.split("\n").filter((line) => line.startsWith(">")));
/** The paragraphs a page cites, "¶15" (one citation per passage). */
const paragraphs = (message: unknown): string[] => shown(message).match(/¶\d+/g) ?? [];
const moreButton = (message: Json) =>
  (
    (message.blocks as Json[]).find((b) => b.type === "actions")?.elements as Json[] | undefined
  )?.find((b) => b.action_id === ACTION_MORE);

describe("/iranpak more over HTTP", () => {
  let run: RunningSlackApp;
  beforeAll(async () => {
    run = await startSlackApp({ deps: { now: () => now, more: recordingStore() } });
  });
  afterAll(() => run.stop());

  const slash = async (text: string, fields: Record<string, string> = {}) => {
    const res = await postSigned(
      run.eventsUrl,
      commandForm({
        ...slashCommandFields(),
        text,
        response_url: run.slack.responseUrl(uniqueId("more")),
        ...fields,
      }),
    );
    expect(res.status).toBe(200);
    return res.json as Json;
  };

  test("shows the next page of the asker's last question in that channel, then the one after", async () => {
    const channel = { channel_id: uniqueId("C0MORE") };
    const first = await slash("Pakistan Iran relations", channel);
    const second = await slash("more", channel);
    const third = await slash("More", channel);
    expect(shown(second)).toContain("*Question:* Pakistan Iran relations");
    expect(cited(second)).not.toEqual([]);
    expect(cited(second).some((p) => cited(first).includes(p))).toBe(false);
    // Pages are the search's own (offset 3, then 6); that they are disjoint is its business.
    expect(shown(third)).toContain("*Question:* Pakistan Iran relations");
    expect(cited(third)).not.toEqual(cited(second));
  });

  test("without a question first, or from another channel or person, it says to ask first", async () => {
    const channel = uniqueId("C0MORE");
    await slash("Pakistan Iran relations", { channel_id: channel });
    expect(shown(await slash("more", { channel_id: uniqueId("C0ELSE") }))).toContain(
      "Ask a question first",
    );
    expect(shown(await slash("more", { channel_id: channel, user_id: "U0SOMEONE" }))).toContain(
      "Ask a question first",
    );
  });

  test("an hour after the last page the question has expired", async () => {
    const channel = { channel_id: uniqueId("C0MORE") };
    await slash("Pakistan Iran relations", channel);
    now = new Date(now.getTime() + HOUR + 1000);
    expect(shown(await slash("more", channel))).toContain("That question has expired: ask again.");
  });

  test("the store keeps a salted hash of the asker, never the Slack user id", async () => {
    await slash("gas pipeline", { channel_id: uniqueId("C0MORE") });
    const user = slashCommandFields().user_id ?? "";
    expect(user).not.toBe("");
    const kept = written.at(-1);
    expect(kept?.last.question).toBe("gas pipeline");
    expect(kept?.key.asker).toMatch(/^[0-9a-f]{8}\.[0-9a-f]{16}$/);
    expect(JSON.stringify(written)).not.toContain(user);
  });

  test("pages never show a passage again, counting those the first page's facts quoted", async () => {
    const channel = { channel_id: uniqueId("C0MORE") };
    const seen = paragraphs(await slash("Pakistan Iran relations", channel));
    expect(new Set(seen).size).toBe(seen.length);
    const again: string[] = [];
    let reply = await slash("more", channel);
    for (let i = 0; i < 10 && !shown(reply).includes("No more results"); i++) {
      for (const p of paragraphs(reply)) (seen.includes(p) ? again : seen).push(p);
      reply = await slash("more", channel);
    }
    expect(shown(reply)).toContain("No more results");
    expect(again).toEqual([]);
    expect(seen.length).toBeGreaterThan(12);
  });

  test("after an answer whose facts quote every passage left, more says there is no more", async () => {
    const channel = { channel_id: uniqueId("C0MORE") };
    const first = await slash("who did Bajwa meet?", channel);
    expect(paragraphs(first)).toContain("¶11");
    expect(moreButton(first)).toBeUndefined();
    expect(shown(await slash("more", channel))).toContain(
      "No more results for “who did Bajwa meet?”.",
    );
  });

  test("the More results button pages on without repeating a passage either", async () => {
    let page = await slash("Pakistan Iran relations", { channel_id: uniqueId("C0MORE") });
    const seen = paragraphs(page);
    const again: string[] = [];
    for (let i = 0; i < 10 && moreButton(page) !== undefined; i++) {
      const responseId = uniqueId("more");
      const click = buttonClick({
        actionId: ACTION_MORE,
        value: String(moreButton(page)?.value),
        responseUrl: run.slack.responseUrl(responseId),
      });
      expect((await postSigned(run.eventsUrl, interactionForm(click))).status).toBe(200);
      page = (await run.slack.waitForResponse((r) => r.id === responseId)).body as Json;
      for (const p of paragraphs(page)) (seen.includes(p) ? again : seen).push(p);
    }
    expect(moreButton(page)).toBeUndefined();
    expect(again).toEqual([]);
    expect(seen.length).toBeGreaterThan(12);
  });

  test("a question past its last page says there is no more", async () => {
    const channel = { channel_id: uniqueId("C0MORE") };
    await slash("Chabahar port", channel);
    let reply = await slash("more", channel);
    for (let i = 0; i < 10 && !shown(reply).includes("No more results"); i++) {
      reply = await slash("more", channel);
    }
    expect(shown(reply)).toContain("No more results for “Chabahar port”.");
  });
});

test("/iranpak more works in Socket Mode too", async () => {
  const run = await startSlackApp({ mode: "socket" });
  try {
    await run.socket?.waitForClient();
    const envelope = socketModeEnvelopes().slash_commands as Json;
    const send = async (text: string) => {
      const id = uniqueId("env");
      run.socket?.send({
        ...envelope,
        envelope_id: id,
        payload: { ...(envelope.payload as Json), text, response_url: run.slack.responseUrl(id) },
      });
      return (await run.socket?.waitForAck(id))?.payload;
    };
    const first = await send("Pakistan Iran relations");
    const next = await send("more");
    expect(shown(next)).toContain("*Question:* Pakistan Iran relations");
    expect(cited(next).some((p) => cited(first).includes(p))).toBe(false);
  } finally {
    await run.stop();
  }
});
