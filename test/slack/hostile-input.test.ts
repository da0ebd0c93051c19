import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { directMessage, eventCallback, slashCommandFields, uniqueId } from "../helpers/payloads.ts";
import { commandForm, postSigned } from "../helpers/sign-request.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

let run: RunningSlackApp;

beforeAll(async () => {
  run = await startSlackApp({ deps: { questionLog: { record: () => {} } } });
});
afterAll(() => run.stop());

describe("hostile questions", () => {
  test.each([
    ["a 40,000-character word", "ab".repeat(20_000)],
    ["a 40,000-character Arabic word", "\u0628\u0627".repeat(20_000)],
    ["a megabyte of ordinary words", "pipeline border trade Kashmir ".repeat(35_000)],
  ])(
    "a DM of %s does not keep a command sent after it from being acked in time",
    async (_, text) => {
      const dm = directMessage(text);
      const dmDone = postSigned(run.eventsUrl, eventCallback(dm));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const started = Date.now();
      const res = await postSigned(
        run.eventsUrl,
        commandForm({
          ...slashCommandFields(),
          text: "pipeline",
          response_url: run.slack.responseUrl(uniqueId("cmd")),
        }),
      );
      // Slack gives up on an ack after 3 s; before word length was capped this took 7–14 s.
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(res.status).toBe(200);
      await dmDone;
      const post = await run.slack.waitForCall(
        "chat.postMessage",
        (call) => call.body.channel === dm.channel,
      );
      expect(stringsIn(post.body).join("\n")).toContain("only its beginning was searched");
    },
  );
});
