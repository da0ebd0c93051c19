import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { silentLogger } from "../../src/log/logger.ts";
import type { QuestionLog } from "../../src/questions/question-log.ts";
import { openQuestionLog } from "../../src/store/file/question-log.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { directMessage, eventCallback, type Json, uniqueId } from "../helpers/payloads.ts";
import { postSigned } from "../helpers/sign-request.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

const schedule = { time: { hour: 9, minute: 0 }, timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] };
const homeOpened = (user: string, tab = "home"): Json => ({
  type: "app_home_opened",
  user,
  channel: "D0HOMECHAN",
  tab,
  event_ts: "1732611100.000100",
});

describe("the Home tab over HTTP", () => {
  let run: RunningSlackApp;
  let dataDir: string;
  let log: QuestionLog;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "iranpak-home-"));
    log = openQuestionLog({
      dataDir,
      retentionDays: 30,
      logger: silentLogger,
      salt: "s".repeat(32),
    });
    run = await startSlackApp({
      deps: { questionLog: log, digestSettings: { schedule, channels: ["C0DIGEST1"], admins: [] } },
    });
  });
  afterAll(async () => {
    await run.stop();
    log.flush();
    await log.settled();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("is published for the person who opened it, with the counts, examples and the digest", async () => {
    await postSigned(run.eventsUrl, eventCallback(homeOpened("U0HOMEONE")));
    const publish = await run.slack.waitForCall(
      "views.publish",
      (c) => c.body.user_id === "U0HOMEONE",
    );
    const view = publish.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    const text = stringsIn(view).join("\n");
    expect(text).toContain(`${run.knowledge.counts().facts} facts`);
    expect(text).toContain("*Try*");
    expect(text).toContain("*Daily digest:* 09:00 UTC, every day, in <#C0DIGEST1>");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  test("counts this week's private questions without quoting them or naming one person's topic", async () => {
    const channel = uniqueId("D0PRIVATE");
    await postSigned(
      run.eventsUrl,
      eventCallback(directMessage("is my password hunter2 safe", { channel })),
    );
    await run.slack.waitForCall("chat.postMessage", (c) => c.body.channel === channel);
    await postSigned(run.eventsUrl, eventCallback(homeOpened("U0HOMETWO")));
    const publish = await run.slack.waitForCall(
      "views.publish",
      (c) => c.body.user_id === "U0HOMETWO",
    );
    const text = stringsIn(publish.body.view).join("\n");
    expect(text).toMatch(/\*This week:\* [1-9]\d* questions?/);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("password");
  });

  test("opening the Messages tab publishes nothing", async () => {
    await postSigned(run.eventsUrl, eventCallback(homeOpened("U0MESSAGES", "messages")));
    // A later Home opening proves the first was handled (and ignored) before it.
    await postSigned(run.eventsUrl, eventCallback(homeOpened("U0AFTER")));
    await run.slack.waitForCall("views.publish", (c) => c.body.user_id === "U0AFTER");
    expect(run.slack.callsTo("views.publish").map((c) => c.body.user_id)).not.toContain(
      "U0MESSAGES",
    );
  });

  test("a tampered event (bad signature) is refused with 401 and publishes nothing", async () => {
    const res = await postSigned(run.eventsUrl, eventCallback(homeOpened("U0FORGED")), {
      secret: "0000000000000000aaaaaaaaaaaaaaaa",
    });
    expect(res.status).toBe(401);
    expect(run.slack.callsTo("views.publish").map((c) => c.body.user_id)).not.toContain("U0FORGED");
  });
});

test("the Home tab is published in Socket Mode too", async () => {
  const run = await startSlackApp({ mode: "socket" });
  try {
    await run.socket?.waitForClient();
    run.socket?.send({
      envelope_id: "env-home",
      type: "events_api",
      accepts_response_payload: false,
      payload: eventCallback(homeOpened("U0SOCKETHOME")),
    });
    await run.socket?.waitForAck("env-home");
    const publish = await run.slack.waitForCall(
      "views.publish",
      (c) => c.body.user_id === "U0SOCKETHOME",
    );
    expect(stringsIn(publish.body.view).join("\n")).toContain(
      "*Daily digest:* not posted anywhere yet.",
    );
  } finally {
    await run.stop();
  }
});
