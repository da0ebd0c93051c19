import { once } from "node:events";
import { appendFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import { createSlackApp } from "../../src/slack/app.ts";
import { articleText, createKnowledgeDir } from "../helpers/knowledge-dir.ts";
import { sample, scrape } from "../helpers/metrics-text.ts";
import { socketModeEnvelopes } from "../helpers/payloads.ts";
import { startSlackApiStandIn } from "../helpers/slack-api-stand-in.ts";
import { FAST_RETRIES, memorySlackDeps, recordingLogger } from "../helpers/slack-app.ts";
import { startSocketModeServer } from "../helpers/socket-mode-server.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FACT = (quote: string) =>
  `- id: border-length\n  subject: border\n  attribute: length\n  value: 959\n  unit: km\n  source: ties#1\n  quote: "${quote}"\n`;

/** The bot in Socket Mode against the local Socket Mode server, with HEALTH_PORT (0: any free). */
async function startSocketBot(options: { knowledgeDir: string; healthPort?: string }) {
  const slack = await startSlackApiStandIn();
  cleanups.push(() => slack.close());
  const socket = await startSocketModeServer();
  cleanups.push(() => socket.close());
  slack.reply("apps.connections.open", () => ({ url: socket.url }));
  const knowledge = createKnowledgeService({ dir: options.knowledgeDir, watch: false });
  cleanups.push(() => knowledge.close());
  await knowledge.ready.catch(() => {});
  const config = parseConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_APP_TOKEN: "xapp-test-token",
    KNOWLEDGE_DIR: options.knowledgeDir,
    SLACK_API_URL: slack.apiUrl,
    HEALTH_PORT: options.healthPort ?? "0",
  });
  const app = createSlackApp(config, {
    knowledge,
    logger: recordingLogger(),
    retryConfig: FAST_RETRIES,
    ...memorySlackDeps(),
  });
  cleanups.push(() => app.stop());
  return { app, knowledge, socket, slack };
}

async function health(port: number | undefined) {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test("Socket Mode serves /healthz on HEALTH_PORT: ready, then degraded with the reason, then ready", async () => {
  const folder = await createKnowledgeDir({
    "articles/ties.txt": articleText("Ties", ["Pakistan and Iran share a 959km border."]),
    "facts/border.yml": FACT("a 959km border"),
  });
  cleanups.push(folder.remove);
  const { app, knowledge, socket } = await startSocketBot({ knowledgeDir: folder.dir });
  await app.start();
  await socket.waitForClient();
  const port = app.healthPort();
  expect(port).toBeGreaterThan(0);
  expect(await health(port)).toEqual({
    status: 200,
    body: { ok: true, status: "ready", counts: knowledge.counts() },
  });

  const facts = path.join(folder.dir, "facts", "border.yml");
  await appendFile(facts, FACT("a 2099km border").replace("border-length", "border-wrong"));
  expect(await knowledge.reload()).toMatchObject({ ok: false });
  expect(await health(port)).toMatchObject({
    status: 200,
    body: {
      status: "degraded",
      reason: expect.stringContaining(
        "first facts/border.yml:14: quote not found in passage ties#1",
      ),
    },
  });

  await writeFile(facts, FACT("a 959km border"));
  expect(await knowledge.reload()).toMatchObject({ ok: true });
  expect((await health(port)).body.status).toBe("ready");
});

test("Socket Mode /healthz says starting (503) while no knowledge serves", async () => {
  const { app } = await startSocketBot({ knowledgeDir: "no-such-folder" });
  await app.start();
  expect(await health(app.healthPort())).toEqual({
    status: 503,
    body: { ok: false, status: "starting" },
  });
});

test("Socket Mode serves /metrics on HEALTH_PORT, counting questions from envelopes", async () => {
  const { app, socket } = await startSocketBot({ knowledgeDir: "knowledge" });
  await app.start();
  await socket.waitForClient();
  const metricsUrl = `http://127.0.0.1:${app.healthPort()}/metrics`;
  const before = await scrape(metricsUrl);
  const envelope = socketModeEnvelopes().slash_commands;
  socket.send(envelope);
  await socket.waitForAck(String(envelope?.envelope_id));
  const after = await scrape(metricsUrl);
  const total = (text: string) =>
    ["direct", "closest", "none"]
      .map((confidence) => sample(text, "iranpak_questions_total", { confidence }) ?? 0)
      .reduce((a, b) => a + b, 0);
  expect(total(after) - total(before)).toBe(1);
  const commands = (text: string) =>
    ["direct", "closest", "none", "error"]
      .map((outcome) => sample(text, "iranpak_slack_requests_total", { kind: "command", outcome }))
      .reduce((a: number, b) => a + (b ?? 0), 0);
  expect(commands(after) - commands(before)).toBe(1);
  expect(sample(after, "iranpak_slack_requests_total", { kind: "command", outcome: "error" })).toBe(
    undefined,
  );
  expect(sample(after, "iranpak_knowledge_documents", { kind: "passages" })).toBe(16);
  expect((await fetch(`http://127.0.0.1:${app.healthPort()}/other`)).status).toBe(404);
});

test("a HEALTH_PORT that is taken stops start() with EADDRINUSE, and Slack is not connected", async () => {
  const taken = createServer();
  taken.listen(0, "0.0.0.0");
  await once(taken, "listening");
  cleanups.push(() => new Promise((resolve) => taken.close(resolve)));
  const { port } = taken.address() as AddressInfo;
  const { app, socket, slack } = await startSocketBot({
    knowledgeDir: "knowledge",
    healthPort: String(port),
  });
  await expect(app.start()).rejects.toThrow(/EADDRINUSE/);
  expect(socket.connectedClients()).toBe(0);
  // Bolt checks the token as soon as the app is made: let that call finish before the stand-in
  // closes, or its failure outlives the test.
  await slack.waitForCall("auth.test");
});
