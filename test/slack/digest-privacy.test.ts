/**
 * Issue 10 §2: a DM and an ephemeral slash command must never be quoted in a channel's digest.
 * The real app on loopback records questions into the real question log under a temporary
 * DATA_DIR; the digest is then posted to the Web API stand-in and previewed with /iranpak digest.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { postDigests } from "../../src/digest/post.ts";
import { createDigestWiring, type DigestWiring } from "../../src/digest-wiring.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { createDigestClient, SLACK_DIGEST_PRESENTER } from "../../src/slack/digest-client.ts";
import { createDigestStore } from "../../src/store/file/digest-store.ts";
import { createFileStores } from "../../src/store/file/stores.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { eventCallback, type Json, slashCommandFields, uniqueId } from "../helpers/payloads.ts";
import { commandForm, postSigned } from "../helpers/sign-request.ts";
import { type RunningSlackApp, recordingLogger, startSlackApp } from "../helpers/slack-app.ts";

const DIGEST_CHANNEL = "C0DIGEST01";
const ASKED_AT = new Date("2026-11-27T08:00:00Z");
let dataDir: string;
let wiring: DigestWiring;
let run: RunningSlackApp;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-privacy-"));
  const config = parseConfig({ DATA_DIR: dataDir, DIGEST_CHANNELS: DIGEST_CHANNEL });
  wiring = createDigestWiring(config, {
    stores: createFileStores({ dataDir, logger: silentLogger }),
    knowledge: { knowledge: () => run.knowledge.knowledge() },
    logger: recordingLogger(),
    now: () => ASKED_AT,
  });
  run = await startSlackApp({
    deps: {
      questionLog: wiring.questionLog,
      ...(wiring.preview === undefined ? {} : { digestPreview: wiring.preview }),
      now: () => ASKED_AT,
    },
  });
  await wiring.questionLog.ready;
});
afterAll(async () => {
  await run.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function directMessage(user: string, text: string): Promise<void> {
  const channel = uniqueId("D0PRIV");
  const event = { type: "message", channel_type: "im", channel, user, text, ts: "1.000100" };
  await postSigned(run.eventsUrl, eventCallback(event));
  await run.slack.waitForCall("chat.postMessage", (c) => c.body.channel === channel);
}

async function mention(user: string, channel: string, text: string): Promise<void> {
  const ts = `${Date.now()}.${uniqueId("")}`;
  const event = { type: "app_mention", user, channel, ts, text: `<@U08BOTIRPK> ${text}` };
  await postSigned(run.eventsUrl, eventCallback(event));
  await run.slack.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
}

async function slash(user: string, channel: string, text: string): Promise<Json> {
  const res = await postSigned(
    run.eventsUrl,
    commandForm({ ...slashCommandFields(), user_id: user, channel_id: channel, text }),
  );
  expect(res.status).toBe(200);
  return res.json as Json;
}

const shown = (message: unknown) => stringsIn(message).join("\n");

describe("the digest and private questions", () => {
  beforeAll(async () => {
    await directMessage("U0PARISA", "Tell me is my password hunter2 strong enough?");
    await slash("U0BABAR", DIGEST_CHANNEL, "my salary is 90000 rupees, is that fair?");
    await mention("U0CAROL", DIGEST_CHANNEL, "who funds the cricket stadium?");
    await mention("U0DARIUS", "C0ELSEWHERE", "what about the secret merger?");
    for (const user of ["U0ONE", "U0TWO", "U0THREE"]) {
      await directMessage(user, "What are the visa fees?");
    }
    wiring.questionLog.flush();
  });

  test("/iranpak digest from the channel previews the same, and from elsewhere quotes no one", async () => {
    const here = shown(await slash("U0EVE", DIGEST_CHANNEL, "digest"));
    expect(here).toContain("Preview: only you can see this");
    expect(here).toContain("who funds the cricket stadium?");
    expect(here).not.toMatch(/hunter2|password|salary|merger/i);
    const elsewhere = shown(await slash("U0EVE", "C0RANDOM", "digest"));
    expect(elsewhere).toContain("7 questions so far");
    expect(elsewhere).not.toMatch(/cricket stadium|hunter2|password|salary|merger/i);
  });

  test("a posted digest counts every question but quotes only mentions made in that channel", async () => {
    const logger = recordingLogger();
    const [outcome] = await postDigests(
      {
        presenter: SLACK_DIGEST_PRESENTER,
        client: createDigestClient({ token: "xoxb-digest", slackApiUrl: run.slack.apiUrl }),
        channels: [DIGEST_CHANNEL],
        schedule: { time: { hour: 9, minute: 0 }, timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] },
        store: createDigestStore({ dataDir, logger }),
        knowledge: () => run.knowledge.knowledge(),
        questions: wiring.questionLog,
        logger,
      },
      { now: new Date("2026-11-27T09:00:00Z"), mode: "now" },
    );
    expect(outcome?.status).toBe("posted");
    const post = await run.slack.waitForCall(
      "chat.postMessage",
      (c) => c.body.channel === DIGEST_CHANNEL && String(c.body.text).includes("digest"),
    );
    const digest = shown(post.body);
    expect(digest).toContain("7 questions so far");
    expect(digest).toContain("“who funds the cricket stadium?”");
    expect(digest).toContain("_…and 6 more asked privately or in another channel (not quoted)_");
    expect(digest).not.toMatch(/hunter2|password|salary|90000|rupees|merger|secret/i);
    // Three different people asked about visa fees by DM: the topic, never their words.
    expect(digest).toMatch(/Most asked about: .*\*visa\* \(3\)/);
    expect(digest).not.toContain("What are the visa fees");
  });

  test("the log holds no Slack user id and no private question's words", () => {
    const log = readFileSync(join(dataDir, "questions.jsonl"), "utf8");
    expect(log).not.toMatch(/U0PARISA|U0BABAR|U0CAROL|U0DARIUS|U0ONE|U0TWO|U0THREE/);
    expect(log).not.toMatch(/Tell me is my password|my salary is|What are the visa fees/);
    expect(log).toContain('"text":"who funds the cricket stadium?"');
    const origins = log
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).origin);
    expect(origins).toEqual(["dm", "command", "mention", "mention", "dm", "dm", "dm"]);
  });
});
