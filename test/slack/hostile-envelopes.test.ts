import { afterAll, beforeAll, expect, test } from "vitest";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { type Json, socketModeEnvelopes, uniqueId } from "../helpers/payloads.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

let run: RunningSlackApp;
beforeAll(async () => {
  run = await startSlackApp({ mode: "socket" });
  await run.socket?.waitForClient();
});
afterAll(() => run.stop());

/** A slash command envelope is still answered: the process and the connection survived. */
async function expectStillServing() {
  const example = socketModeEnvelopes().slash_commands as Json;
  const envelope = {
    ...example,
    envelope_id: uniqueId("alive-"),
    payload: { ...(example.payload as Json), text: "pipeline" },
  };
  run.socket?.send(envelope);
  const ack = await run.socket?.waitForAck(envelope.envelope_id);
  expect(stringsIn(ack?.payload).join("\n")).toContain("2,775");
}

test.each([
  ["null", null],
  ["an array", []],
  ["a frame whose type is a number", { type: 5 }],
  ["an events_api envelope without an envelope id", { type: "events_api", payload: {} }],
])("%s is dropped with a warning, and the app keeps serving", async (_what, frame) => {
  const dropped = () =>
    run.logger.lines.filter((l) => l.text.includes("dropped a Socket Mode frame"));
  const before = dropped().length;
  run.socket?.send(frame);
  await expect.poll(() => dropped().length).toBe(before + 1);
  await expectStillServing();
});

test.each([
  ["an envelope without a type", {}],
  ["an events_api envelope whose payload is null", { type: "events_api", payload: null }],
  ["an events_api envelope without an event", { type: "events_api", payload: {} }],
  ["an events_api envelope whose event is null", { type: "events_api", payload: { event: null } }],
  ["a slash_commands envelope whose payload is null", { type: "slash_commands", payload: null }],
  ["an interactive envelope whose payload is a string", { type: "interactive", payload: "x" }],
  ["an envelope typed like the client's own events", { type: "ws_message", payload: {} }],
  ["an envelope typed error", { type: "error", payload: {} }],
  ["an envelope of an unknown type", { type: "mystery", payload: { type: "mystery" } }],
])("%s is acked at once, and the app keeps serving", async (_what, frame) => {
  const id = uniqueId("bad-");
  run.socket?.send({ ...frame, envelope_id: id });
  const ack = await run.socket?.waitForAck(id);
  expect(ack?.envelope_id).toBe(id);
  await expectStillServing();
});

test("a well-formed envelope of a payload nobody handles is acked at once", async () => {
  const id = uniqueId("shortcut-");
  run.socket?.send({
    type: "interactive",
    envelope_id: id,
    payload: {
      type: "shortcut",
      callback_id: "nobody",
      team: { id: "T0A1B2C3D4E" },
      user: { id: "U1" },
    },
  });
  const ack = await run.socket?.waitForAck(id, 2000);
  expect(ack?.envelope_id).toBe(id);
});
