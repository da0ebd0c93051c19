/**
 * Issue 10 §4: `npm start` with a question log that can't be kept (here `questions.jsonl` is a
 * folder) starts, answers, logs one clear line, and `/iranpak digest` says why its figures stop
 * at the last start.
 */

import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { httpBotEnv } from "../helpers/bot-env.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { startScript } from "../helpers/run-script.ts";
import { commandForm, postSigned } from "../helpers/sign-request.ts";
import { startSlackApiStandIn } from "../helpers/slack-api-stand-in.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("npm start when the question log can't be kept", () => {
  it("starts and answers when questions.jsonl is a folder, and the digest says why", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    const dataDir = await mkdtemp(path.join(tmpdir(), "iranpak-faults-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    await mkdir(path.join(dataDir, "questions.jsonl"));
    const bot = startScript(
      "src/main.ts",
      httpBotEnv(api.apiUrl, dataDir, {
        DIGEST_CHANNELS: "C0DIGEST01",
        DIGEST_TIME: "23:59",
      }),
    );
    cleanups.push(async () => {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await bot.exited;
    });
    const [, port] = await bot.waitFor(/listening for Slack on port (\d+)/);
    const events = `http://127.0.0.1:${port}/slack/events`;
    const ask = async (text: string) => {
      const form = commandForm({ command: "/iranpak", text, channel_id: "C0DIGEST01" });
      const res = await postSigned(events, form);
      expect(res.status).toBe(200);
      return stringsIn(res.json).join("\n");
    };

    expect(await ask("pipeline")).toContain("2,775");
    const digest = await ask("digest");
    expect(digest).toContain("1 question so far");
    expect(digest).toContain("questions.jsonl in DATA_DIR is a folder");
    expect(bot.output().match(/can't (read|write) the question log/g)).toHaveLength(1);
    expect(bot.output()).not.toMatch(/EISDIR: illegal operation|at .*question-log\.ts/);
  });
});
