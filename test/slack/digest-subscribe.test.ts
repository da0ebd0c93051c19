import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMemorySubscriptionStore } from "../../src/store/memory/subscriptions.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import {
  type Json,
  slashCommandFields,
  socketModeEnvelopes,
  uniqueId,
} from "../helpers/payloads.ts";
import { commandForm, postSigned } from "../helpers/sign-request.ts";
import { STAND_IN_DEFAULTS } from "../helpers/slack-api-stand-in.ts";
import { postSlashCommand, type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

const schedule = { time: { hour: 9, minute: 0 }, timeZone: "Asia/Karachi", days: [1, 2, 3, 4, 5] };
const shown = (message: unknown) => stringsIn(message).join("\n");

async function slash(run: RunningSlackApp, text: string, user: string, channel: string) {
  const res = await postSlashCommand(run, text, { user, channel });
  expect(res.status).toBe(200);
  return shown(res.json);
}

describe("with DIGEST_ADMINS", () => {
  let run: RunningSlackApp;
  const subscriptions = createMemorySubscriptionStore();
  beforeAll(async () => {
    run = await startSlackApp({
      deps: {
        subscriptions,
        digestSettings: { schedule, channels: ["C0BASE"], admins: ["U0ADMIN"] },
        digestPreview: () => ({ text: "Digest preview", blocks: [] }),
      },
    });
  });
  afterAll(() => run.stop());

  test("an admin subscribes a channel; /iranpak digest then says it gets the digest, and when", async () => {
    const channel = uniqueId("C0SUB");
    expect(await slash(run, "digest", "U0ADMIN", channel)).toContain(
      "The daily digest is posted at 09:00 Asia/Karachi, Monday to Friday to <#C0BASE>. This channel does not: a digest admin can add it with `/iranpak digest subscribe`.",
    );
    expect(await slash(run, "digest subscribe", "U0ADMIN", channel)).toContain(
      "This channel now gets the daily digest.",
    );
    expect(await subscriptions.list()).toContain(channel);
    expect(await slash(run, "digest", "U0SOMEONE", channel)).toContain(
      `to <#C0BASE>, <#${channel}>. This channel gets it.`,
    );
    expect(await slash(run, "DIGEST Unsubscribe", "U0ADMIN", channel)).toContain(
      "This channel no longer gets the daily digest.",
    );
    expect(await subscriptions.list()).not.toContain(channel);
  });

  test("anyone else is refused, and nothing changes", async () => {
    const channel = uniqueId("C0SUB");
    expect(await slash(run, "digest subscribe", "U0SOMEONE", channel)).toContain(
      "Only the people in DIGEST_ADMINS can subscribe channels to the daily digest.",
    );
    expect(await subscriptions.list()).not.toContain(channel);
    // DIGEST_ADMINS decides alone: users.info is never asked.
    expect(run.slack.callsTo("users.info")).toEqual([]);
  });

  test("a forged channel id of 3,000 characters is refused, and nothing is subscribed", async () => {
    const forged = `C${"A".repeat(2_999)}`;
    expect(await slash(run, "digest subscribe", "U0ADMIN", forged)).toContain(
      "Digests go to channels",
    );
    expect(await subscriptions.list()).not.toContain(forged);
  });

  test("a DM can't subscribe, and DIGEST_CHANNELS can't be unsubscribed from Slack", async () => {
    expect(await slash(run, "digest subscribe", "U0ADMIN", "D0DIRECT1")).toContain(
      "Digests go to channels",
    );
    expect(await slash(run, "digest unsubscribe", "U0ADMIN", "C0BASE")).toContain(
      "This channel is in DIGEST_CHANNELS",
    );
  });
});

describe("without DIGEST_ADMINS: workspace admins, asked with users.info", () => {
  let run: RunningSlackApp;
  beforeAll(async () => {
    run = await startSlackApp({
      deps: { digestSettings: { schedule, channels: [], admins: [] } },
    });
    run.slack.reply("users.info", (call) => ({
      user: {
        id: call.body.user,
        is_admin: call.body.user === "U0WSADMIN",
        is_owner: call.body.user === "U0OWNER" || call.body.user === "U0ELSEWHERE",
        team_id: call.body.user === "U0ELSEWHERE" ? "T0OTHERORG" : STAND_IN_DEFAULTS.teamId,
      },
    }));
  });
  afterAll(() => run.stop());

  test("an admin or an owner may subscribe, a member may not", async () => {
    expect(await slash(run, "digest subscribe", "U0WSADMIN", uniqueId("C0WS"))).toContain(
      "This channel now gets the daily digest.",
    );
    expect(await slash(run, "digest subscribe", "U0OWNER", uniqueId("C0WS"))).toContain(
      "This channel now gets the daily digest.",
    );
    expect(await slash(run, "digest subscribe", "U0MEMBER", uniqueId("C0WS"))).toContain(
      "Only workspace admins can subscribe channels",
    );
    expect(run.slack.callsTo("users.info").map((c) => c.body.user)).toEqual([
      "U0WSADMIN",
      "U0OWNER",
      "U0MEMBER",
    ]);
  });

  test("an admin of another organisation (a shared channel) is not an admin here", async () => {
    expect(await slash(run, "digest subscribe", "U0ELSEWHERE", uniqueId("C0WS"))).toContain(
      "Only workspace admins can subscribe channels",
    );
  });

  test("when users.info fails (the scope removed), subscribing is refused", async () => {
    run.slack.fail("users.info", { error: "missing_scope" }, { times: 2 });
    expect(await slash(run, "digest subscribe", "U0WSADMIN", uniqueId("C0WS"))).toContain(
      "Only workspace admins can subscribe channels",
    );
  });

  test("a tampered command (bad signature) is refused with 401", async () => {
    const res = await postSigned(
      run.eventsUrl,
      commandForm({ ...slashCommandFields(), text: "digest subscribe", user_id: "U0WSADMIN" }),
      { secret: "0000000000000000aaaaaaaaaaaaaaaa" },
    );
    expect(res.status).toBe(401);
  });
});

test("subscribing works in Socket Mode too", async () => {
  const subscriptions = createMemorySubscriptionStore();
  const run = await startSlackApp({
    mode: "socket",
    deps: { subscriptions, digestSettings: { schedule, channels: [], admins: ["U05LM8N2PQR"] } },
  });
  try {
    await run.socket?.waitForClient();
    const envelope = socketModeEnvelopes().slash_commands as Json;
    run.socket?.send({
      ...envelope,
      envelope_id: "env-sub",
      payload: { ...(envelope.payload as Json), text: "digest subscribe" },
    });
    const ack = await run.socket?.waitForAck("env-sub");
    expect(shown(ack?.payload)).toContain("This channel now gets the daily digest.");
    expect(await subscriptions.list()).toEqual([(envelope.payload as Json).channel_id]);
  } finally {
    await run.stop();
  }
});
