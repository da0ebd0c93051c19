import { afterAll, beforeAll, expect, test } from "vitest";
import { pingsIn, stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { type Json, socketModeEnvelopes } from "../helpers/payloads.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

let run: RunningSlackApp;
const envelopes = socketModeEnvelopes();

beforeAll(async () => {
  run = await startSlackApp({ mode: "socket" });
  await run.socket?.waitForClient();
});
afterAll(() => run.stop());

const withResponseUrl = (envelope: Json | undefined, url: string): Json => ({
  ...envelope,
  payload: { ...(envelope?.payload as Json), response_url: url },
});

test("connects with the app token through apps.connections.open", async () => {
  const open = await run.slack.waitForCall("apps.connections.open");
  expect(open.token).toBe("xapp-test-token");
});

test("a slash command envelope is acked with the answer, pinging no one", async () => {
  const envelope = withResponseUrl(envelopes.slash_commands, run.slack.responseUrl("socket-cmd"));
  run.socket?.send(envelope);
  const ack = await run.socket?.waitForAck(String(envelope.envelope_id));
  expect(ack?.payload).toMatchObject({ response_type: "ephemeral" });
  expect(stringsIn(ack?.payload).join("\n")).toContain(
    "*Question:* gas pipeline tariff 2024 &amp; @ali.r @here",
  );
  expect(pingsIn(ack?.payload)).toEqual([]);
});

test("an events_api envelope is acked and the mention answered in its thread", async () => {
  run.socket?.send(envelopes.events_api);
  const ack = await run.socket?.waitForAck(String(envelopes.events_api?.envelope_id));
  expect(ack?.envelope_id).toBe(envelopes.events_api?.envelope_id);
  const post = await run.slack.waitForCall(
    "chat.postMessage",
    (c) => c.body.channel === "C07QX3K9RJD",
  );
  expect(post.body.thread_ts).toBe("1732609980.112400");
  expect(pingsIn(post.body)).toEqual([]);
});

test("an interactive envelope is acked and answered through its response_url", async () => {
  const envelope = withResponseUrl(envelopes.interactive, run.slack.responseUrl("socket-click"));
  run.socket?.send(envelope);
  await run.socket?.waitForAck(String(envelope.envelope_id));
  const reply = await run.slack.waitForResponse((r) => r.id === "socket-click");
  expect(stringsIn(reply.body).join("\n")).toContain("This button no longer works");
});

test("stop() closes the socket, and a second stop() is harmless", async () => {
  expect(run.socket?.connectedClients()).toBe(1);
  await run.app.stop();
  await expect.poll(() => run.socket?.connectedClients()).toBe(0);
  await run.app.stop();
});
