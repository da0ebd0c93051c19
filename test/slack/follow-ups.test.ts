import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { directMessage, eventCallback, type Json, uniqueId } from "../helpers/payloads.ts";
import { postSigned } from "../helpers/sign-request.ts";
import type { ApiCall } from "../helpers/slack-api-stand-in.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

let now = new Date("2026-11-27T09:00:00Z");
const shown = (call: ApiCall) => stringsIn(call.body).join("\n");

const mention = (channel: string, text: string, ts: string, threadTs?: string): Json => ({
  type: "app_mention",
  user: "U05LM8N2PQR",
  text: `<@U08BOTIRPK> ${text}`,
  ts,
  channel,
  ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
});

/** The answers posted in `channel` so far, oldest first. */
const answersIn = (run: RunningSlackApp, channel: string) =>
  run.slack.callsTo("chat.postMessage").filter((c) => c.body.channel === channel);

async function nthAnswer(run: RunningSlackApp, channel: string, n: number) {
  await expect
    .poll(() => answersIn(run, channel).length, { timeout: 5000 })
    .toBeGreaterThanOrEqual(n);
  return answersIn(run, channel)[n - 1] as ApiCall;
}

describe("over HTTP", () => {
  let run: RunningSlackApp;
  beforeAll(async () => {
    run = await startSlackApp({ deps: { now: () => now } });
  });
  afterAll(() => run.stop());
  const send = (event: Json) => postSigned(run.eventsUrl, eventCallback(event));

  test("a follow-up mention in a thread the bot answered is read with the thread's question", async () => {
    const channel = uniqueId("C0THREAD");
    await send(mention(channel, "the gas pipeline", "1732610500.000100"));
    await nthAnswer(run, channel, 1);
    await send(mention(channel, "and how long is it?", "1732610560.000200", "1732610500.000100"));
    const followUp = await nthAnswer(run, channel, 2);
    expect(followUp.body.thread_ts).toBe("1732610500.000100");
    expect(shown(followUp)).toContain("*Question:* and how long is it? (gas pipeline)");
    expect(shown(followUp)).toContain("2,775 km");
  });

  test("the same words in another thread, or at the top of the channel, are read as asked", async () => {
    const channel = uniqueId("C0THREAD");
    await send(mention(channel, "the gas pipeline", "1732610600.000100"));
    await nthAnswer(run, channel, 1);
    await send(mention(channel, "and how long is it?", "1732610660.000200", "1732610999.000900"));
    await send(mention(channel, "and how long is it?", "1732610670.000300"));
    for (const n of [2, 3]) {
      expect(shown(await nthAnswer(run, channel, n))).toContain(
        "*Question:* and how long is it?\n",
      );
    }
  });

  test("a tampered mention (bad signature) is refused and leaves the thread's subject alone", async () => {
    const channel = uniqueId("C0THREAD");
    await send(mention(channel, "the gas pipeline", "1732610800.000100"));
    await nthAnswer(run, channel, 1);
    const forged = eventCallback(
      mention(channel, "Chabahar port", "1732610810.000200", "1732610800.000100"),
    );
    const res = await postSigned(run.eventsUrl, forged, {
      secret: "0000000000000000aaaaaaaaaaaaaaaa",
    });
    expect(res.status).toBe(401);
    await send(mention(channel, "how long is it?", "1732610820.000300", "1732610800.000100"));
    expect(shown(await nthAnswer(run, channel, 2))).toContain(
      "*Question:* how long is it? (gas pipeline)",
    );
  });

  test("consecutive direct messages follow on, until half an hour has passed", async () => {
    const channel = uniqueId("D0FOLLOW");
    await send(directMessage("the gas pipeline", { channel }));
    await nthAnswer(run, channel, 1);
    await send(directMessage("when was it supposed to be completed?", { channel }));
    expect(shown(await nthAnswer(run, channel, 2))).toContain(
      "*Question:* when was it supposed to be completed? (gas pipeline)",
    );
    now = new Date(now.getTime() + 31 * 60_000);
    await send(directMessage("and how long is it?", { channel }));
    expect(shown(await nthAnswer(run, channel, 3))).toContain("*Question:* and how long is it?\n");
  });
});

test("follow-ups work in Socket Mode too", async () => {
  const run = await startSlackApp({ mode: "socket" });
  try {
    await run.socket?.waitForClient();
    const channel = uniqueId("C0SOCKET");
    const envelope = (event: Json) => {
      const id = uniqueId("env");
      return {
        envelope_id: id,
        type: "events_api",
        accepts_response_payload: false,
        payload: eventCallback(event),
      };
    };
    run.socket?.send(envelope(mention(channel, "the gas pipeline", "1732610700.000100")));
    await nthAnswer(run, channel, 1);
    run.socket?.send(
      envelope(mention(channel, "and how long is it?", "1732610760.000200", "1732610700.000100")),
    );
    expect(shown(await nthAnswer(run, channel, 2))).toContain(
      "*Question:* and how long is it? (gas pipeline)",
    );
  } finally {
    await run.stop();
  }
});
