import { execFileSync } from "node:child_process";
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { httpBotEnv, TEST_BOT_TOKEN } from "./helpers/bot-env.ts";
import {
  descendantsOf,
  isRunning,
  ROOT,
  runScript,
  startCommand,
  startScript,
} from "./helpers/run-script.ts";
import { commandForm, postSigned, TEST_SIGNING_SECRET } from "./helpers/sign-request.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "./helpers/slack-api-stand-in.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Spawns the bot in HTTP mode against the stand-in; `startBot` also waits until it listens. */
async function spawnBot(api: SlackApiStandIn, extra: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "iranpak-main-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const bot = startScript(
    "src/main.ts",
    httpBotEnv(api.apiUrl, dataDir, {
      ...extra,
    }),
  );
  cleanups.push(async () => {
    if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
    await bot.exited;
  });
  return bot;
}

async function startBot(api: SlackApiStandIn, extra: Record<string, string> = {}) {
  const bot = await spawnBot(api, extra);
  const [, port] = await bot.waitFor(/listening for Slack on port (\d+)/);
  return { bot, base: `http://127.0.0.1:${port}` };
}

describe("npm start with Slack credentials (HTTP mode)", () => {
  it("serves health and signed slash commands, and stops cleanly on SIGTERM", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    const { bot, base } = await startBot(api);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.stringify(await health.json())).toMatch(/"articles":1,"passages":16,"facts":67/);

    const form = commandForm({
      command: "/iranpak",
      text: "pipeline",
      response_url: api.responseUrl("r1"),
    });
    const answer = await postSigned(`${base}/slack/events`, form);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("2,775");

    const unsigned = await postSigned(`${base}/slack/events`, form, { unsigned: true });
    expect(unsigned.status).toBe(401);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^iranpak_questions_total\{confidence="direct"\} 1$/m);

    // The container's HEALTHCHECK command, with the bot's configuration.
    const port = new URL(base).port;
    const env = { SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET };
    const healthy = await runScript("src/healthcheck.ts", [], { env: { ...env, PORT: port } });
    expect(healthy).toMatchObject({ code: 0, stdout: expect.stringContaining('"status":"ready"') });

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain("SIGTERM: stopping");
    const gone = await runScript("src/healthcheck.ts", [], { env: { ...env, PORT: port } });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`http://127.0.0.1:${port}/healthz`);
  });

  it("logs JSON lines with time and level, one per request, and never the token", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    const { bot, base } = await startBot(api);
    const form = commandForm({
      command: "/iranpak",
      text: "When was the gas pipeline supposed to be completed?",
      response_url: api.responseUrl("log"),
    });
    await postSigned(`${base}/slack/events`, form);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);

    const lines = bot
      .output()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines) {
      expect(line).toMatchObject({
        name: "iranpak",
        level: expect.stringMatching(/^(info|warn)$/),
      });
      expect(String(line.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    const handled = lines.filter((line) => String(line.msg).startsWith("handled command"));
    expect(handled).toEqual([
      expect.objectContaining({
        kind: "command",
        outcome: expect.stringMatching(/^(direct|closest|none)$/),
        ms: expect.any(Number),
      }),
    ]);
    expect(bot.output()).not.toContain(TEST_BOT_TOKEN);
    expect(bot.output()).not.toContain("supposed to be completed");
  });

  it("posts the daily digest on start when it is due and not yet posted today", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    await startBot(api, { DIGEST_CHANNELS: "C0DIGEST01", DIGEST_TIME: "00:00" });
    const post = await api.waitForCall("chat.postMessage", (c) => c.body.channel === "C0DIGEST01");
    expect(JSON.stringify(post.body)).toContain("Key facts");
  });
});

describe("npm start as a container runs it (the build in dist/, plain node)", () => {
  it("stops the bot and leaves no process behind within 10 s of SIGTERM to npm", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    const dataDir = await mkdtemp(path.join(tmpdir(), "iranpak-npm-start-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const npm = startCommand("npm", ["start"], httpBotEnv(api.apiUrl, dataDir));
    cleanups.push(async () => {
      if (npm.child.exitCode === null) npm.child.kill("SIGKILL");
      await npm.exited;
    });
    const [, port] = await npm.waitFor(/listening for Slack on port (\d+)/, 30_000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const pid = npm.child.pid ?? 0;
    const below = descendantsOf(pid);
    expect(below.length).toBeGreaterThan(0);
    // Should this test fail, it must not leave a bot running either.
    cleanups.push(async () => {
      for (const orphan of below.filter(isRunning)) process.kill(orphan, "SIGKILL");
    });

    npm.child.kill("SIGTERM");
    const outcome = await Promise.race([
      npm.exited,
      new Promise((resolve) => setTimeout(resolve, 10_000, "still running after 10 s")),
    ]);
    expect(outcome).toBe(0);
    expect(npm.output()).toContain("SIGTERM: stopping");
    expect(below.filter(isRunning)).toEqual([]);
  });
});

describe("npm start with half a configuration", () => {
  it("refuses to start and names the variable to fix", async () => {
    const bot = startScript("src/main.ts", { SLACK_BOT_TOKEN: TEST_BOT_TOKEN });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("SLACK_APP_TOKEN");
  });
});

/** A fact whose quote is not in its passage: the edit that used to turn a restart into an outage. */
const BAD_FACT = `
- id: border-made-up
  subject: Iran–Pakistan border
  attribute: length
  value: 1
  unit: km
  source: pakistan-iran#13
  quote: "a border of exactly one kilometre"
`;

/** A copy of the repository's knowledge folder and an empty DATA_DIR, removed after the test. */
async function knowledgeCopy() {
  const root = await mkdtemp(path.join(tmpdir(), "iranpak-restart-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const knowledgeDir = path.join(root, "knowledge");
  await cp("knowledge", knowledgeDir, { recursive: true });
  const facts = path.join(knowledgeDir, "facts", "border-and-drugs.yml");
  const breakIt = () => appendFile(facts, BAD_FACT);
  const env = { KNOWLEDGE_DIR: knowledgeDir, DATA_DIR: path.join(root, "data") };
  return { env, facts, breakIt };
}

describe("npm start after an edit broke the knowledge folder", () => {
  it("serves the last good index, logs the problem with file and line, and /healthz says degraded", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    const { env, facts, breakIt } = await knowledgeCopy();
    const first = await startBot(api, env);
    // Ready means the last good knowledge is saved: even a crash keeps it.
    first.bot.child.kill("SIGKILL");
    await first.bot.exited;
    await breakIt();

    const { bot, base } = await startBot(api, env);
    const problem = new RegExp(`${facts}:\\d+: quote not found in passage pakistan-iran#13`);
    expect(bot.output()).toMatch(problem);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; reason: string };
    expect(body.status).toBe("degraded");
    // /healthz is public: it names the file relative to the knowledge folder, the log in full.
    expect(body.reason).toMatch(
      /first facts\/border-and-drugs\.yml:\d+: quote not found in passage pakistan-iran#13/,
    );
    expect(body.reason).not.toContain(env.KNOWLEDGE_DIR);
    const answer = await postSigned(
      `${base}/slack/events`,
      commandForm({
        command: "/iranpak",
        text: "border length",
        response_url: api.responseUrl("b"),
      }),
    );
    expect(answer.body).toContain("959 km");
  });

  it("still stops with every problem listed when DATA_DIR holds no last good index", async () => {
    const { env, facts, breakIt } = await knowledgeCopy();
    await breakIt();
    const bot = startScript("src/main.ts", env);
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain(`${facts}:`);
    expect(bot.output()).toContain("quote not found in passage pakistan-iran#13");
  });

  it("a first start with a YAML file reusing one anchor past the alias limit stops with its file and line, no stack trace", async () => {
    const { env } = await knowledgeCopy();
    const aliases = path.join(env.KNOWLEDGE_DIR, "aliases.yml");
    await writeFile(
      aliases,
      `- [&p Pakistan, ${Array.from({ length: 101 }, () => "*p").join(", ")}]\n`,
    );
    const bot = startScript("src/main.ts", env);
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain(`${aliases}:1: invalid YAML: Excessive alias count`);
    expect(bot.output()).not.toMatch(/^\s+at /m);
  });

  it("in the console, prints the problems and serves the last good index with a notice", async () => {
    const { env, facts, breakIt } = await knowledgeCopy();
    const first = await runScript("src/main.ts", [], { input: "border length\n", env });
    expect(first.code).toBe(0);
    await breakIt();
    const second = await runScript("src/main.ts", [], { input: "border length\n", env });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`${facts}:`);
    expect(second.stdout).toMatch(
      /Warning: 1 problem in the knowledge folder, first .*; serving the last good index from \d{4}-/,
    );
    expect(second.stdout).toContain("959 km");
  });
});

describe("npm start against hostile requests and a Slack that hangs", () => {
  it("keeps serving after a signed JSON null body and a signed payload=null", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    const { bot, base } = await startBot(api);

    const nullBody = await postSigned(`${base}/slack/events`, "null", {
      contentType: "application/json",
    });
    expect(nullBody.status).toBe(400);
    const nullPayload = await postSigned(`${base}/slack/events`, "payload=null", {
      contentType: "application/x-www-form-urlencoded",
    });
    expect(nullPayload.status).toBe(400);

    expect(bot.child.exitCode).toBeNull();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("ends within 10 s of SIGTERM while a digest post hangs", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    api.fail("chat.postMessage", { hang: true }, { channel: "C0DIGEST01", times: 10 });
    const { bot } = await startBot(api, { DIGEST_CHANNELS: "C0DIGEST01", DIGEST_TIME: "00:00" });
    await api.waitForCall("chat.postMessage", (c) => c.body.channel === "C0DIGEST01");

    bot.child.kill("SIGTERM");
    const outcome = await Promise.race([
      bot.exited,
      new Promise((resolve) => setTimeout(resolve, 10_000, "still running after 10 s")),
    ]);
    expect(outcome).toBe(0);
    expect(bot.output()).toMatch(/SIGTERM: work still in flight after \d+ ms/);
  });

  it("still stops with its error when it cannot start (the port is taken)", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "0.0.0.0", resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(resolve)));
    const { port } = taken.address() as AddressInfo;
    const bot = await spawnBot(api, { PORT: String(port) });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("EADDRINUSE");
  });
});

describe("npm start when the knowledge folder changes", () => {
  /**
   * A knowledge copy, and an article to add to it that only the new index can answer from,
   * with a new alias: a change to aliases is read in full (in the worker), not as a segment.
   */
  async function folderToChange() {
    const { env } = await knowledgeCopy();
    const addArticle = async () => {
      await appendFile(
        path.join(env.KNOWLEDGE_DIR, "aliases.yml"),
        "- [Zanzibarite, Zanzibar stone]\n",
      );
      await writeFile(
        path.join(env.KNOWLEDGE_DIR, "articles", "quarries.txt"),
        "Zanzibarite Quarries\n\nZanzibarite quarries line the border mountains.\n",
      );
    };
    return { env, addArticle };
  }

  /** Starts `command`, adds the article, asks about it in the console once it has reloaded. */
  async function reloadAndAsk(command: string, args: string[]) {
    const { env, addArticle } = await folderToChange();
    const bot = startCommand(command, args, { ...env, LOG_LEVEL: "info" });
    cleanups.push(async () => {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await bot.exited;
    });
    await bot.waitFor(/iranpak console/);
    await addArticle();
    await bot.waitFor(/knowledge reloaded: 2 articles/, 30_000);
    bot.child.stdin?.end("zanzibarite quarries\n");
    expect(await bot.exited).toBe(0);
    return bot.output();
  }

  it("reads and indexes it in a worker thread, then answers from it (from the sources)", async () => {
    const output = await reloadAndAsk(process.execPath, ["--import", "tsx", "src/main.ts"]);
    expect(output).toContain("read and indexed the changed knowledge in a worker thread");
    expect(output).toMatch(/Zanzibarite Quarries, ¶1 \(quarries#1\)/);
  }, 60_000);

  it("does the same from the build that npm start runs, whose worker is built beside it", async () => {
    // Inside the repository, so that the build's imports find node_modules; .scratch is ignored.
    await mkdir(path.join(ROOT, ".scratch"), { recursive: true });
    const outDir = await mkdtemp(path.join(ROOT, ".scratch", "dist-"));
    cleanups.push(() => rm(outDir, { recursive: true, force: true }));
    execFileSync(process.execPath, ["scripts/build.mjs", "--outdir", outDir], { cwd: ROOT });
    const output = await reloadAndAsk(process.execPath, [path.join(outDir, "main.js")]);
    expect(output).toContain("read and indexed the changed knowledge in a worker thread");
    expect(output).toMatch(/Zanzibarite Quarries, ¶1 \(quarries#1\)/);
  }, 60_000);
});
