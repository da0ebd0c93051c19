/**
 * A Slack app in HTTP mode on loopback, in a process of its own, for the load test: either the
 * real bot (answers inside the ack) or a bare Bolt app that acks every command with fixed text.
 * Reports its port when listening and its memory when it gets SIGTERM.
 */
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
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
  /** Web API calls the app made during the run: answers go in the ack, so this stays small. */
  apiCalls: number;
  rssMB: number;
  maxRssMB: number;
  heapUsedMB: number;
}

/** The text the bare app acks with. */
export const BARE_ACK_TEXT = "Thanks, noted.";

interface Running {
  port: number;
  stop(): Promise<void>;
}

/**
 * The bot as it runs in HTTP mode: knowledge service from the persisted index, the question
 * log, createSlackApp; no digest (it posts on a schedule, not per request).
 */
async function startBot(task: ServerTask, apiUrl: string): Promise<Running> {
  const { parseConfig } = await import("../src/config.ts");
  const { createSlackApp } = await import("../src/slack/app.ts");
  const { createKnowledgeService } = await import("../src/service/knowledge-service.ts");
  const { openQuestionLog } = await import("../src/digest/question-log.ts");
  const { createLogger } = await import("../src/logger.ts");
  const config = parseConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: task.signingSecret,
    SLACK_API_URL: apiUrl,
    PORT: "0",
    KNOWLEDGE_DIR: task.knowledgeDir,
    DATA_DIR: mkdtempSync(join(tmpdir(), "iranpak-bench-data-")),
    LOG_LEVEL: "error",
  });
  const logger = createLogger("bench-bot", config.logLevel);
  const knowledge = createKnowledgeService({
    dir: config.knowledgeDir,
    cacheDir: task.cacheDir,
    watch: false,
    logger,
  });
  const questionLog = openQuestionLog({
    dataDir: config.dataDir,
    retentionDays: config.questionLogRetentionDays,
    logger,
  });
  await knowledge.ready;
  const slack = createSlackApp(config, { knowledge, logger, questionLog });
  await slack.start();
  const port = slack.port();
  if (port === undefined) throw new Error("the bot is not listening after start()");
  return { port, stop: () => slack.stop() };
}

/** The floor: Bolt with the same receiver (HTTPReceiver, same path), acking every command at once. */
async function startBare(task: ServerTask, apiUrl: string): Promise<Running> {
  const { App, HTTPReceiver, LogLevel } = await import("@slack/bolt");
  const { EVENTS_PATH } = await import("../src/slack/app.ts");
  const app = new App({
    token: "xoxb-bench-token",
    receiver: new HTTPReceiver({ signingSecret: task.signingSecret, endpoints: EVENTS_PATH }),
    clientOptions: { slackApiUrl: apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command("/iranpak", async ({ ack }) => {
    await ack(BARE_ACK_TEXT);
  });
  const server = (await app.start(0)) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => app.stop().then(() => undefined),
  };
}

async function serve(task: ServerTask): Promise<void> {
  const api = await startSlackApiStandIn();
  const running = await (task.kind === "bot" ? startBot : startBare)(task, api.apiUrl);
  await sendReport({
    port: running.port,
    readyMs: performance.now(),
    responseUrl: api.responseUrl("bench"),
  } satisfies ServerReady);
  process.once("SIGTERM", () => {
    void (async () => {
      const memory = process.memoryUsage();
      const final: ServerFinal = {
        apiCalls: api.calls.length,
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
