import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ACTION_MORE } from "../../src/slack/render/answer-blocks.ts";
import {
  appMentionCallback,
  buttonClick,
  eventCallback,
  type Json,
  uniqueId,
} from "../helpers/payloads.ts";
import { interactionForm, postSigned } from "../helpers/sign-request.ts";
import type { ApiCall } from "../helpers/slack-api-stand-in.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

const TIMEOUT_MS = 300;
let run: RunningSlackApp;
beforeAll(async () => {
  run = await startSlackApp({ deps: { webApiLimits: { timeoutMs: TIMEOUT_MS } } });
});
afterAll(() => run.stop());

/** Mentions the bot with a question in `channel`; resolves when the event is acked. */
async function mention(channel: string, text = "<@U08BOTIRPK> gas pipeline length") {
  const event = { ...(appMentionCallback().event as Json), channel, text, thread_ts: undefined };
  const res = await postSigned(run.eventsUrl, eventCallback(event));
  expect(res.status).toBe(200);
}

const postsTo = (channel: string) => (c: ApiCall) => c.body.channel === channel;

describe("a Slack call that never answers", () => {
  test("a chat.postMessage is given up after the time limit and logged with its channel", async () => {
    const channel = uniqueId("C0HANG");
    // Both attempts (the test's retry policy allows one retry) hang.
    run.slack.fail("chat.postMessage", { hang: true }, { channel, times: 2 });
    await mention(channel);
    await expect
      .poll(() => run.logger.text("error"), { timeout: 5000 })
      .toContain(
        `could not reach Slack's Web API (chat.postMessage to ${channel} got no answer within ${TIMEOUT_MS} ms) while handling event app_mention`,
      );
    expect(run.logger.text("error")).toMatch(new RegExp(`app_mention \\S+ in ${channel}`));
    // Each attempt that timed out is in the log as it happens, not only the final failure.
    expect(run.logger.text("warn")).toContain(
      `http request failed chat.postMessage to ${channel} got no answer within ${TIMEOUT_MS} ms`,
    );
  });

  test("a response_url post is given up after the time limit and logged with its channel", async () => {
    const id = uniqueId("hung-response");
    run.slack.failResponse(id, { hang: true });
    const click = buttonClick({
      actionId: ACTION_MORE,
      value: "not-an-answer-ref",
      responseUrl: run.slack.responseUrl(id),
    });
    const res = await postSigned(run.eventsUrl, interactionForm(click));
    expect(res.status).toBe(200);
    await expect
      .poll(() => run.logger.text("error"), { timeout: 5000 })
      .toMatch(
        new RegExp(
          `a response_url post got no answer within ${TIMEOUT_MS} ms while handling action ${ACTION_MORE} in \\w+`,
        ),
      );
  });
});

describe("a rate-limited channel", () => {
  test("holds up only its own answer, which is posted after its Retry-After", async () => {
    const limited = uniqueId("C0LIMIT");
    const other = uniqueId("C0OTHER");
    const retryAfterS = 4;
    run.slack.fail(
      "chat.postMessage",
      { status: 429, retryAfter: retryAfterS },
      { channel: limited },
    );

    await mention(limited);
    const refused = await run.slack.waitForCall("chat.postMessage", postsTo(limited));
    const asked = Date.now();
    await mention(other);
    const answered = await run.slack.waitForCall("chat.postMessage", postsTo(other));
    // Before the fix the whole client paused for the Retry-After (4 s here, 20 s in the report).
    expect(answered.at - asked).toBeLessThan(2000);

    const retried = await run.slack.waitForCall(
      "chat.postMessage",
      (c) => postsTo(limited)(c) && c !== refused,
      10_000,
    );
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(retryAfterS * 1000 - 100);
    expect(JSON.stringify(retried.body)).toContain("2,775");
    expect(run.logger.text("warn")).toContain(
      `Slack rate-limited chat.postMessage to ${limited}: trying again in ${retryAfterS} s`,
    );
  });
});
