import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createSlackFetch, describeTarget } from "../../src/slack/slack-fetch.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A loopback server answering each request with the next status in `statuses` (then 200). */
async function serve(statuses: { status: number; retryAfter?: string }[]) {
  const seen: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    seen.push(Date.now());
    const next = statuses.shift() ?? { status: 200 };
    res.writeHead(
      next.status,
      next.retryAfter === undefined ? {} : { "retry-after": next.retryAfter },
    );
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe("describeTarget", () => {
  it("names the method and channel of a Web API call, form-encoded or JSON", () => {
    expect(
      describeTarget("https://slack.com/api/chat.postMessage", "channel=C123&text=hi"),
    ).toEqual({
      what: "chat.postMessage to C123",
      key: "channel:C123",
    });
    expect(
      describeTarget("https://slack.com/api/chat.update", '{"channel":"C9","ts":"1"}'),
    ).toEqual({
      what: "chat.update to C9",
      key: "channel:C9",
    });
    expect(describeTarget("https://slack.com/api/auth.test", "")).toEqual({
      what: "auth.test",
      key: "auth.test",
    });
  });

  it("calls anything else a response_url post, kept apart by its URL", () => {
    const url = "https://hooks.slack.com/commands/T1/2/abc";
    expect(describeTarget(url, '{"text":"hi"}')).toEqual({ what: "a response_url post", key: url });
  });
});

describe("createSlackFetch", () => {
  it("retries a 429 after its Retry-After, at most rateLimitRetries times, and logs each wait", async () => {
    const { url, seen } = await serve([
      { status: 429, retryAfter: "0" },
      { status: 429, retryAfter: "0" },
      { status: 429, retryAfter: "0" },
    ]);
    const logger = recordingLogger();
    const response = await createSlackFetch({ rateLimitRetries: 2, logger })(
      `${url}/api/chat.postMessage`,
      {
        method: "POST",
        body: "channel=C1",
      },
    );
    expect(response.status).toBe(429);
    expect(seen).toHaveLength(3);
    expect(logger.text("warn")).toContain(
      "Slack rate-limited chat.postMessage to C1: trying again in 0 s (retry 2 of 2)",
    );
  });

  it("hands back a 429 whose Retry-After is longer than it will wait", async () => {
    const { url, seen } = await serve([{ status: 429, retryAfter: "120" }]);
    const response = await createSlackFetch({ maxRetryAfterMs: 30_000 })(
      `${url}/api/chat.postMessage`,
      {
        method: "POST",
        body: "channel=C1",
      },
    );
    expect(response.status).toBe(429);
    expect(seen).toHaveLength(1);
  });

  it("turns a call that outlasts the time limit into a SLACK_TIMEOUT error naming it", async () => {
    const hung = createServer(() => {});
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    cleanups.push(
      () =>
        new Promise((resolve) => {
          hung.closeAllConnections();
          hung.close(resolve);
        }),
    );
    const url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/api/chat.postMessage`;
    await expect(
      createSlackFetch({ timeoutMs: 100 })(url, { method: "POST", body: "channel=C7" }),
    ).rejects.toMatchObject({
      code: "SLACK_TIMEOUT",
      message: "chat.postMessage to C7 got no answer within 100 ms",
    });
  });
});
