import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ACTION_HELPFUL,
  ACTION_MORE,
  ACTION_NOT_HELPFUL,
  ACTION_SHARE,
} from "../../src/slack/render/answer-blocks.ts";
import { type ActionsBlock, section } from "../../src/slack/render/blocks.ts";
import { limitViolations } from "../../src/slack/render/limits.ts";
import { pingsIn, stringsIn } from "../helpers/mrkdwn-tokens.ts";
import {
  appMentionCallback,
  buttonClick,
  directMessage,
  eventCallback,
  type Json,
  slashCommandFields,
  uniqueId,
  urlVerification,
} from "../helpers/payloads.ts";
import { commandForm, interactionForm, postSigned } from "../helpers/sign-request.ts";
import type { ApiCall } from "../helpers/slack-api-stand-in.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

const questions: { text: string; answered: boolean; at: Date }[] = [];
const NOW = new Date("2026-11-27T09:00:00Z");
let run: RunningSlackApp;

beforeAll(async () => {
  run = await startSlackApp({
    deps: {
      questionLog: { record: (entry) => questions.push(entry) },
      now: () => NOW,
      isWorkspaceAdmin: async () => true,
      digestSettings: {
        schedule: { time: { hour: 9, minute: 0 }, timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] },
        channels: [],
        admins: [],
      },
      digestPreview: () => ({
        text: "Digest preview",
        blocks: [section("*Today's digest* <!here>-free")],
      }),
    },
  });
});
afterAll(() => run.stop());

/** Posts `/iranpak <text>` (the shared example's fields) and returns the ack and its response_url id. */
async function slash(text: string, fields: Record<string, string> = {}) {
  const responseId = uniqueId("cmd");
  const res = await postSigned(
    run.eventsUrl,
    commandForm({
      ...slashCommandFields(),
      text,
      response_url: run.slack.responseUrl(responseId),
      ...fields,
    }),
  );
  return { status: res.status, body: res.json as Json & { blocks: unknown[] }, responseId };
}

const shown = (message: unknown) => stringsIn(message).join("\n");
const buttons = (message: { blocks: unknown[] }) =>
  (message.blocks.find((b) => (b as ActionsBlock).type === "actions") as ActionsBlock | undefined)
    ?.elements ?? [];
const postTo = (channel: string) => (call: ApiCall) => call.body.channel === channel;

describe("/iranpak", () => {
  test("a question is answered inside the ack, only to the asker, citing its passage", async () => {
    const { status, body } = await slash("gas pipeline length");
    expect(status).toBe(200);
    expect(body.response_type).toBe("ephemeral");
    expect(shown(body)).toContain("*Question:* gas pipeline length");
    expect(shown(body)).toContain("length 2,775 km");
    expect(shown(body)).toMatch(/\[1\] \*Pakistan and Iran Move Closer to Deepen Ties\* · ¶15/);
    expect(buttons(body).map((b) => b.action_id)).toEqual([
      ACTION_SHARE,
      ACTION_HELPFUL,
      ACTION_NOT_HELPFUL,
    ]);
    expect(body.unfurl_links).toBe(false);
    expect(questions).toContainEqual({ text: "gas pipeline length", answered: true, at: NOW });
  });

  test("the shared example's text (&amp;, a user mention, <!here>) is shown literally and pings no one", async () => {
    const { body } = await slash(slashCommandFields().text ?? "");
    expect(pingsIn(body)).toEqual([]);
    expect(shown(body)).toContain("*Question:* gas pipeline tariff 2024 &amp; @ali.r @here");
    expect(questions.at(-1)?.text).toBe("gas pipeline tariff 2024 & @ali.r @here");
  });

  test.each(["<!channel> pipeline", "<!everyone> &lt;!here&gt; border", "<@U05ABCDEF12> Chabahar"])(
    "%j pings no one",
    async (text) => {
      expect(pingsIn(await slash(text).then((r) => r.body))).toEqual([]);
    },
  );

  test("help and an empty command list usage, examples and the knowledge base's topics", async () => {
    for (const text of ["help", "", "  HELP "]) {
      const { body } = await slash(text);
      expect(shown(body)).toContain("*How to ask*");
      expect(shown(body)).toContain("*Topics*");
      expect(shown(body)).toContain("Pakistan and Iran Move Closer to Deepen Ties");
      expect(shown(body)).toContain(`${run.knowledge.counts().facts} facts`);
    }
    expect(questions.map((q) => q.text)).not.toContain("help");
  });

  test("sources lists the articles with passage counts", async () => {
    const { body } = await slash("sources");
    expect(shown(body)).toContain("*1 article, 16 passages*");
    expect(shown(body)).toContain("• *Pakistan and Iran Move Closer to Deepen Ties*: 16 passages");
  });

  test("facts <topic> lists the structured facts on it", async () => {
    const { body } = await slash("facts pipeline");
    expect(shown(body)).toContain("*Facts on “pipeline”*");
    expect(shown(body)).toContain("• *Iran–Pakistan gas pipeline* · length: *2,775 km*");
  });

  test("digest shows where the digest goes and the preview", async () => {
    const { body } = await slash("digest");
    expect(shown(body)).toContain("The daily digest goes to no channel yet");
    await slash("digest subscribe");
    const after = (await slash("digest")).body;
    expect(after.text).toBe("Digest preview");
    expect(shown(after)).toContain("*Today's digest*");
    expect(shown(after)).toContain("to <#C07QX3K9RJD>. This channel gets it.");
  });

  test("a question with no answer gets a friendly abstention and is logged as unanswered", async () => {
    const { body } = await slash("cricket world cup scores");
    expect(shown(body)).toContain("I found nothing in the knowledge base on");
    expect(shown(body)).toContain("`/iranpak help`");
    expect(questions.at(-1)).toMatchObject({ text: "cricket world cup scores", answered: false });
  });

  test("a huge question still gets a reply within Slack's limits", async () => {
    const { status, body } = await slash(`pipeline ${"border ".repeat(600)}`);
    expect(status).toBe(200);
    expect(limitViolations({ text: String(body.text), blocks: body.blocks as never })).toEqual([]);
    for (const b of buttons(body)) expect(b.value.length).toBeLessThanOrEqual(2000);
  });
});

describe("buttons", () => {
  test("More results sends the next page to the clicker only", async () => {
    const first = await slash("Pakistan Iran relations");
    const more = buttons(first.body).find((b) => b.action_id === ACTION_MORE);
    expect(more).toBeDefined();
    const responseId = uniqueId("more");
    const click = buttonClick({
      actionId: ACTION_MORE,
      value: more?.value ?? "",
      responseUrl: run.slack.responseUrl(responseId),
    });
    expect((await postSigned(run.eventsUrl, interactionForm(click))).status).toBe(200);
    const page = await run.slack.waitForResponse((r) => r.id === responseId);
    expect(page.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    const cited = (m: unknown) => shown(m).match(/¶\d+/g) ?? [];
    expect(cited(page.body)).not.toEqual(cited(first.body));
    expect(shown(page.body)).toContain("*Question:* Pakistan Iran relations");
  });

  test("Share in channel posts the same answer visibly, says who shared it, and removes the private copy", async () => {
    const first = await slash("gas pipeline length");
    const share = buttons(first.body).find((b) => b.action_id === ACTION_SHARE);
    const responseId = uniqueId("share");
    const click = buttonClick({
      actionId: ACTION_SHARE,
      value: share?.value ?? "",
      responseUrl: run.slack.responseUrl(responseId),
    });
    await postSigned(run.eventsUrl, interactionForm(click));
    const shared = await run.slack.waitForResponse(
      (r) => r.id === responseId && r.body.response_type === "in_channel",
    );
    expect(shown(shared.body)).toContain("Shared by <@U05LM8N2PQR>");
    expect(pingsIn(shared.body, ["U05LM8N2PQR"])).toEqual([]);
    expect(shown(shared.body)).toContain("length 2,775 km");
    // Shared, it can be voted on, but neither shared again nor paged.
    expect(buttons(shared.body as never).map((b) => b.action_id)).toEqual([
      ACTION_HELPFUL,
      ACTION_NOT_HELPFUL,
    ]);
    await run.slack.waitForResponse((r) => r.id === responseId && r.body.delete_original === true);
  });

  test("a button value iranpak did not make (the shared example's) gets a notice, not a crash", async () => {
    const responseId = uniqueId("foreign");
    const click = buttonClick({
      actionId: ACTION_MORE,
      value: '{"q":"tariff regime","page":2}',
      responseUrl: run.slack.responseUrl(responseId),
    });
    await postSigned(run.eventsUrl, interactionForm(click));
    const notice = await run.slack.waitForResponse((r) => r.id === responseId);
    expect(shown(notice.body)).toContain("This button no longer works");
  });
});

describe("mentions and direct messages", () => {
  test("the shared mention is answered in its thread, without the bot's mention and without pinging", async () => {
    const callback = { ...appMentionCallback(), event_id: uniqueId("Ev0MENTION") };
    expect((await postSigned(run.eventsUrl, callback)).status).toBe(200);
    const post = await run.slack.waitForCall(
      "chat.postMessage",
      (c) => c.body.thread_ts === "1732609980.112400",
    );
    expect(post.body.channel).toBe("C07QX3K9RJD");
    expect(post.token).toBe("xoxb-test-token");
    expect(pingsIn(post.body)).toEqual([]);
    expect(shown(post.body)).toContain(
      "*Question:* what changed in the tariff &amp; transit regime? cc @channel",
    );
    expect(String(post.body.unfurl_links)).toBe("false");
  });

  test("a mention outside a thread starts one on the message", async () => {
    const channel = uniqueId("C0MENTION");
    const event = {
      type: "app_mention",
      user: "U05LM8N2PQR",
      text: "<@U08BOTIRPK> Chabahar port",
      ts: "1732610300.000200",
      channel,
    };
    await postSigned(run.eventsUrl, eventCallback(event));
    const post = await run.slack.waitForCall("chat.postMessage", postTo(channel));
    expect(post.body.thread_ts).toBe("1732610300.000200");
    expect(shown(post.body)).toContain("*Question:* Chabahar port");
  });

  test("a bare mention gets help", async () => {
    const channel = uniqueId("C0BARE");
    const event = {
      type: "app_mention",
      user: "U05LM8N2PQR",
      text: "<@U08BOTIRPK>",
      ts: "1732610301.000300",
      channel,
    };
    await postSigned(run.eventsUrl, eventCallback(event));
    const post = await run.slack.waitForCall("chat.postMessage", postTo(channel));
    expect(shown(post.body)).toContain("*How to ask*");
  });

  test("a direct message is answered in the DM", async () => {
    const dm = directMessage("how long is the gas pipeline?");
    await postSigned(run.eventsUrl, eventCallback(dm));
    const post = await run.slack.waitForCall("chat.postMessage", postTo(String(dm.channel)));
    expect(post.body.thread_ts).toBeUndefined();
    expect(shown(post.body)).toContain("2,775 km");
    expect(questions.at(-1)).toMatchObject({
      text: "how long is the gas pipeline?",
      answered: true,
    });
  });

  test("the bot's own messages, other bots' and edits in a DM are ignored", async () => {
    const channel = uniqueId("D0QUIET");
    const ignored = [
      directMessage("echo", { channel, user: "U08BOTIRPK", bot_id: "B08BOTIRPK1" }),
      directMessage("other bot", { channel, bot_id: "B0OTHER", subtype: "bot_message" }),
      directMessage("edited", { channel, subtype: "message_changed" }),
    ];
    for (const event of ignored) await postSigned(run.eventsUrl, eventCallback(event));
    await postSigned(run.eventsUrl, eventCallback(directMessage("border", { channel })));
    await run.slack.waitForCall("chat.postMessage", postTo(channel));
    expect(run.slack.callsTo("chat.postMessage").filter(postTo(channel))).toHaveLength(1);
  });

  test("an event Slack retries (same event_id, X-Slack-Retry-Num) is answered once", async () => {
    const dm = directMessage("border");
    const callback = eventCallback(dm);
    await postSigned(run.eventsUrl, callback);
    const retry = await postSigned(run.eventsUrl, callback, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    await run.slack.waitForCall("chat.postMessage", postTo(String(dm.channel)));
    // A later event on the same channel proves the retry had its chance to be (wrongly) answered.
    await postSigned(run.eventsUrl, eventCallback({ ...dm, text: "Chabahar" }));
    await run.slack.waitForCall(
      "chat.postMessage",
      (c) => postTo(String(dm.channel))(c) && shown(c.body).includes("Chabahar"),
    );
    expect(run.slack.callsTo("chat.postMessage").filter(postTo(String(dm.channel)))).toHaveLength(
      2,
    );
    expect(run.logger.text("info")).toMatch(
      /event Ev0TEST\d+ is a retry \(1\) of one already taken/,
    );
  });
});

describe("requests that are not Slack's", () => {
  const body = () => commandForm({ ...slashCommandFields(), text: "border" });

  test.each([
    ["unsigned", { unsigned: true }],
    ["badly signed", { secret: "0000000000000000aaaaaaaaaaaaaaaa" }],
    ["stale (signed ten minutes ago)", { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ["future-dated (signed an hour ahead)", { timestamp: Math.floor(Date.now() / 1000) + 3600 }],
    ["future-dated (signed six minutes ahead)", { timestamp: Math.floor(Date.now() / 1000) + 360 }],
  ])("%s requests get 401", async (_, options) => {
    expect((await postSigned(run.eventsUrl, body(), options)).status).toBe(401);
  });

  test.each([
    ["signed in a version other than v0", { "x-slack-signature": "v1=0123abcd" }],
    ["timestamped with no number", { "x-slack-request-timestamp": "soon" }],
  ])("requests %s get 401", async (_, headers) => {
    expect((await postSigned(run.eventsUrl, body(), { headers })).status).toBe(401);
  });

  test("Slack's SSL check, which is not signed, is answered with an empty 200", async () => {
    const check = new URLSearchParams({ ssl_check: "1", token: "gIkuvaNzQIHg97ATvDxqgjtO" });
    const res = await postSigned(run.eventsUrl, check, { unsigned: true });
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
  });

  test("a command smuggled into an SSL check's payload is not answered", async () => {
    const smuggled = new URLSearchParams({
      ssl_check: "1",
      payload: JSON.stringify({ ...slashCommandFields(), text: "border" }),
    });
    const res = await postSigned(run.eventsUrl, smuggled, { unsigned: true });
    expect(res.status).toBe(200);
    expect(res.body).not.toContain("959");
  });

  test("a request signed four minutes ahead, within Slack's five, is still answered", async () => {
    const ahead = { timestamp: Math.floor(Date.now() / 1000) + 240 };
    const res = await postSigned(run.eventsUrl, body(), ahead);
    expect(res.status).toBe(200);
    expect(res.body).toContain("959");
  });

  test("malformed bodies get 400 and the bot keeps serving", async () => {
    expect(
      (await postSigned(run.eventsUrl, "{not json", { contentType: "application/json" })).status,
    ).toBe(400);
    expect(
      (await postSigned(run.eventsUrl, new URLSearchParams({ payload: "not json" }))).status,
    ).toBe(400);
    expect((await slash("border")).status).toBe(200);
  });

  test("Slack's url_verification challenge is answered", async () => {
    const res = await postSigned(run.eventsUrl, urlVerification());
    expect(res.json).toEqual({ challenge: urlVerification().challenge });
  });
});

describe("when the Web API fails", () => {
  const mention = (channel: string, text = "<@U08BOTIRPK> border") =>
    postSigned(
      run.eventsUrl,
      eventCallback({
        type: "app_mention",
        user: "U05LM8N2PQR",
        text,
        ts: "1732610400.000100",
        channel,
      }),
    );

  test("a 429 is retried after Retry-After and the answer arrives", async () => {
    const channel = uniqueId("C0RATE");
    run.slack.fail("chat.postMessage", { status: 429, retryAfter: 1 }, { channel });
    await mention(channel);
    const calls = () => run.slack.callsTo("chat.postMessage").filter(postTo(channel));
    await expect.poll(() => calls().length, { timeout: 5000 }).toBe(2);
    expect(calls()[1]?.body.thread_ts).toBe("1732610400.000100");
  });

  test.each([
    [
      "a 5xx",
      { status: 503 },
      /Slack's Web API answered HTTP 503 while handling event app_mention Ev0TEST\d+ in C0FAIL\d+/,
    ],
    [
      "ok:false",
      { error: "not_in_channel" },
      /Slack refused a Web API call \(not_in_channel\) while handling event app_mention Ev0TEST\d+ in C0FAIL\d+/,
    ],
  ])(
    "%s is logged with what was being handled, and the next request is answered",
    async (_, failure, logged) => {
      const channel = uniqueId("C0FAIL");
      run.slack.fail("chat.postMessage", failure, { channel, times: 2 });
      await mention(channel);
      await expect.poll(() => run.logger.text("error"), { timeout: 5000 }).toMatch(logged);
      await mention(channel, "<@U08BOTIRPK> Chabahar");
      await run.slack.waitForCall(
        "chat.postMessage",
        (c) => postTo(channel)(c) && shown(c.body).includes("Chabahar"),
      );
    },
  );

  test("a listener that throws is logged and the asker still gets a reply", async () => {
    const original = run.knowledge.ask;
    run.knowledge.ask = () => {
      throw new Error("index exploded");
    };
    try {
      const { body } = await slash("border");
      expect(shown(body)).toContain("Sorry, something went wrong");
      expect(run.logger.text("error")).toMatch(
        /\/iranpak question in C07QX3K9RJD failed: Error: index exploded/,
      );
    } finally {
      run.knowledge.ask = original;
    }
    expect(shown((await slash("border")).body)).toContain("*Question:* border");
  });
});

test("GET /healthz answers 200 with the knowledge base's counts", async () => {
  const res = await fetch(`${run.baseUrl}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true, status: "ready", counts: run.knowledge.counts() });
});
