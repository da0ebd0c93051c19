/**
 * A Slack app in HTTP mode on loopback, in a process of its own, for the load test: either the
 * real bot (answers inside the ack) or a bare Bolt app that acks every command with fixed text.
 * Reports its port when listening and its memory when it gets SIGTERM.
 */
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSlackApiStandIn } from "../test/helpers/slack-api-stand-in.ts";
import { readTask, reportResult, sendReport } from "./child.ts";
import { megabytes } from "./stats.ts";

export type ServerKind = "bot" | "bare";

export interface ServerTask {
  kind: ServerKind;
  knowledgeDir: string;
  /** The persisted index to start the bot from (see search.ts). */
  cacheDir: string;
  signingSecret: string;
}

export interface ServerReady {
  port: number;
  /** Process start to listening, ms. */
  readyMs: number;
  /** A response_url on the Web API stand-in, for the request bodies. */
  responseUrl: string;
}

export interface ServerFinal {
  rssMB: number;
  maxRssMB: number;
  heapUsedMB: number;
}

/** The text the bare app acks with. */
export const BARE_ACK_TEXT = "Thanks, noted.";

/** A port that was free a moment ago (Bolt's start takes a port, not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

interface Running {
  stop(): Promise<void>;
}

/** The bot exactly as main.ts would run it in HTTP mode, minus the digest. */
async function startBot(task: ServerTask, port: number, apiUrl: string): Promise<Running> {
  const { parseConfig } = await import("../src/config.ts");
  const { createSlackApp } = await import("../src/slack/app.ts");
  const { createKnowledgeService } = await import("../src/service/knowledge-service.ts");
  const { createLogger } = await import("../src/logger.ts");
  const config = parseConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: task.signingSecret,
    SLACK_API_URL: apiUrl,
    PORT: String(port),
    KNOWLEDGE_DIR: task.knowledgeDir,
    DATA_DIR: mkdtempSync(join(tmpdir(), "iranpak-bench-data-")),
    LOG_LEVEL: "error",
  });
  const logger = createLogger("bench-bot", "error");
  const service = createKnowledgeService({
    dir: task.knowledgeDir,
    cacheDir: task.cacheDir,
    watch: false,
    logger,
  });
  await service.ready;
  const slack = createSlackApp(config, { service, logger });
  await slack.start();
  return { stop: () => slack.stop() };
}

/** The floor: Bolt with the same receiver, acking every command at once. */
async function startBare(task: ServerTask, port: number, apiUrl: string): Promise<Running> {
  const { App, LogLevel } = await import("@slack/bolt");
  const app = new App({
    token: "xoxb-bench-token",
    signingSecret: task.signingSecret,
    clientOptions: { slackApiUrl: apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command("/iranpak", async ({ ack }) => {
    await ack(BARE_ACK_TEXT);
  });
  await app.start(port);
  return { stop: () => app.stop().then(() => undefined) };
}

async function serve(task: ServerTask): Promise<void> {
  const api = await startSlackApiStandIn();
  const port = await freePort();
  const running = await (task.kind === "bot" ? startBot : startBare)(task, port, api.apiUrl);
  await sendReport({
    port,
    readyMs: performance.now(),
    responseUrl: api.responseUrl("bench"),
  } satisfies ServerReady);
  process.once("SIGTERM", () => {
    void (async () => {
      const memory = process.memoryUsage();
      const final: ServerFinal = {
        rssMB: megabytes(memory.rss),
        maxRssMB: process.resourceUsage().maxRSS / 1024,
        heapUsedMB: megabytes(memory.heapUsed),
      };
      await running.stop().catch(() => {});
      await api.close().catch(() => {});
      await reportResult(final);
    })();
  });
}

await serve(readTask<ServerTask>());
