import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { slashCommandFields, uniqueId } from "../helpers/payloads.ts";
import { commandForm, postSigned } from "../helpers/sign-request.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

let run: RunningSlackApp;
beforeAll(async () => {
  run = await startSlackApp();
});
afterAll(() => run.stop());

const JSON_TYPE = "application/json";
const FORM = "application/x-www-form-urlencoded";
const TEAM = "T0A1B2C3D4E";

/** The app still answers a slash command: the process and the receiver survived. */
async function expectStillServing() {
  const res = await postSigned(
    run.eventsUrl,
    commandForm({
      ...slashCommandFields(),
      text: "pipeline",
      response_url: run.slack.responseUrl(uniqueId("alive")),
    }),
  );
  expect(res.status).toBe(200);
  expect(stringsIn(res.json).join("\n")).toContain("2,775");
}

describe("a signed body that is not an object", () => {
  test.each([
    ["JSON null", "null", JSON_TYPE],
    ["payload=null", "payload=null", FORM],
    ["a JSON array", "[]", JSON_TYPE],
    ["a JSON number", "5", JSON_TYPE],
    ["a JSON string", '"event_callback"', JSON_TYPE],
    ["payload=[1]", "payload=%5B1%5D", FORM],
    ["payload=null after other fields", "command=%2Firanpak&payload=null", FORM],
    ["payload=null, its name percent-escaped", "p%61yload=null", FORM],
  ])("%s gets 400, is logged, and the app keeps serving", async (_what, body, contentType) => {
    const res = await postSigned(run.eventsUrl, body, { contentType });
    expect(res.status).toBe(400);
    expect(run.logger.text("warn")).toMatch(
      /refused a signed request to \/slack\/events: its body is/,
    );
    await expectStillServing();
  });

  test("unsigned, the same body gets 401", async () => {
    const res = await postSigned(run.eventsUrl, "null", { contentType: JSON_TYPE, unsigned: true });
    expect(res.status).toBe(401);
  });
});

describe("a signed object Bolt cannot dispatch", () => {
  test.each([
    ["an event that is null", { type: "event_callback", team_id: TEAM, event: null }],
    ["an event that is a number", { type: "event_callback", team_id: TEAM, event: 5 }],
    ["actions that are null", { type: "block_actions", team: { id: TEAM }, actions: null }],
    ["a command that is a number", { command: 5, team_id: TEAM, channel_id: "C1" }],
  ])("%s is acked, and the app keeps serving", async (_what, payload) => {
    const res = await postSigned(run.eventsUrl, payload);
    expect(res.status).toBe(200);
    await expectStillServing();
  });
});

describe("unknown but signed payloads", () => {
  test.each([
    ["an unknown type", { type: "mystery_payload", team_id: TEAM }],
    [
      "a shortcut nobody listens to",
      {
        type: "shortcut",
        callback_id: "nobody",
        trigger_id: "1.2",
        team: { id: TEAM },
        user: { id: "U1" },
      },
    ],
    [
      "a view submission nobody listens to",
      {
        type: "view_submission",
        team: { id: TEAM },
        user: { id: "U1" },
        view: { id: "V1", callback_id: "nobody" },
      },
    ],
    ["an empty object", {}],
  ])("%s is acked at once with 200", async (_what, payload) => {
    const started = Date.now();
    const res = await postSigned(run.eventsUrl, payload);
    expect(res.status).toBe(200);
    // Bolt's fallback answers 404 after 3 s; an immediate ack takes milliseconds.
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
