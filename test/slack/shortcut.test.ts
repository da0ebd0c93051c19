import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SHORTCUT_ASK_MESSAGE } from "../../src/slack/listeners/shortcuts/index.ts";
import { ACTION_SHARE } from "../../src/slack/render/answer-blocks.ts";
import type { ActionsBlock } from "../../src/slack/render/blocks.ts";
import { pingsIn, stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { type Json, uniqueId } from "../helpers/payloads.ts";
import { interactionForm, postSigned } from "../helpers/sign-request.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

const questions: { text: string }[] = [];
const shown = (message: unknown) => stringsIn(message).join("\n");

/** A message_action payload, as Slack sends it when someone uses the shortcut on a message. */
function messageAction(text: string, responseUrl: string): Json {
  return {
    type: "message_action",
    callback_id: SHORTCUT_ASK_MESSAGE,
    trigger_id: "7712345999001.6123456789012.0f0e0d0c0b0a",
    response_url: responseUrl,
    team: { id: "T0A1B2C3D4E", domain: "iranpak-lab" },
    channel: { id: "C07QX3K9RJD", name: "research-desk" },
    user: { id: "U05LM8N2PQR", name: "parisa.k" },
    message_ts: "1732611000.000100",
    message: { type: "message", user: "U0COLLEAGUE", ts: "1732611000.000100", text },
    token: "XXYYZZ0123456789abcdefgh",
  };
}

describe("the message shortcut over HTTP", () => {
  let run: RunningSlackApp;
  beforeAll(async () => {
    run = await startSlackApp({ deps: { questionLog: { record: (e) => questions.push(e) } } });
  });
  afterAll(() => run.stop());

  const use = async (text: string) => {
    const id = uniqueId("shortcut");
    const res = await postSigned(
      run.eventsUrl,
      interactionForm(messageAction(text, run.slack.responseUrl(id))),
    );
    expect(res.status).toBe(200);
    return (await run.slack.waitForResponse((r) => r.id === id)).body;
  };

  test("answers the message's text without its mentions, only to the person who used it, with Share in channel", async () => {
    const reply = await use("<!here> gas pipeline length &amp; <@U0BOSS>");
    expect(reply).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(shown(reply)).toContain("*Question:* gas pipeline length &amp;");
    expect(shown(reply)).toContain("length 2,775 km");
    expect(pingsIn(reply)).toEqual([]);
    const buttons =
      (reply.blocks as ActionsBlock[]).find((b) => b.type === "actions")?.elements ?? [];
    expect(buttons.map((b) => b.action_id)).toContain(ACTION_SHARE);
    expect(questions.at(-1)?.text).toBe("gas pipeline length &");
  });

  test("a message without text (or with mentions only) gets a notice and logs nothing", async () => {
    const before = questions.length;
    expect(shown(await use(""))).toContain("That message has no text to ask about.");
    expect(shown(await use("<@U0BOSS> <!channel>"))).toContain(
      "That message has no text to ask about.",
    );
    expect(questions.length).toBe(before);
  });

  test("a tampered shortcut (bad signature) is refused with 401", async () => {
    const res = await postSigned(
      run.eventsUrl,
      interactionForm(messageAction("pipeline", run.slack.responseUrl(uniqueId("forged")))),
      { secret: "0000000000000000aaaaaaaaaaaaaaaa" },
    );
    expect(res.status).toBe(401);
  });
});

test("the message shortcut works in Socket Mode too", async () => {
  const run = await startSlackApp({ mode: "socket" });
  try {
    await run.socket?.waitForClient();
    run.socket?.send({
      envelope_id: "env-shortcut",
      type: "interactive",
      accepts_response_payload: false,
      payload: messageAction("Chabahar port", run.slack.responseUrl("socket-shortcut")),
    });
    await run.socket?.waitForAck("env-shortcut");
    const reply = await run.slack.waitForResponse((r) => r.id === "socket-shortcut");
    expect(shown(reply.body)).toContain("*Question:* Chabahar port");
  } finally {
    await run.stop();
  }
});
