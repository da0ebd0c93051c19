/**
 * The whole Slack app on loopback for end-to-end tests: the real knowledge service over a
 * knowledge folder, the real Bolt app from createSlackApp, and the Web API stand-in behind
 * SLACK_API_URL. HTTP mode by default; Socket Mode with `mode: "socket"`.
 */
import { parseConfig } from "../../src/config.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import type { KnowledgeService } from "../../src/live-index/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { createAskerHasher, generateSalt } from "../../src/questions/asker-hash.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import type { SlackDeps } from "../../src/slack/deps.ts";
import { createMemoryStores } from "../../src/store/memory/stores.ts";
import { eventCallback, slashCommandFields, uniqueId } from "./payloads.ts";
import { commandForm, type PostResult, postSigned, TEST_SIGNING_SECRET } from "./sign-request.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "./slack-api-stand-in.ts";
import { type SocketModeServer, startSocketModeServer } from "./socket-mode-server.ts";

/** A logger that keeps every line, so tests can check what was logged. */
export interface RecordingLogger extends Logger {
  lines: { level: string; text: string }[];
  text(level?: string): string;
}

export function recordingLogger(): RecordingLogger {
  const lines: { level: string; text: string }[] = [];
  const at =
    (level: string) =>
    (...msg: unknown[]) => {
      lines.push({ level, text: msg.map(String).join(" ") });
    };
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    text: (level) =>
      lines
        .filter((l) => level === undefined || l.level === level)
        .map((l) => l.text)
        .join("\n"),
  };
}

/** The stores SlackDeps requires, in memory, and a hasher salted for this test only. */
export function memorySlackDeps(
  options: { now?: () => Date } = {},
): Pick<
  SlackDeps,
  "seenEvents" | "more" | "conversations" | "feedback" | "subscriptions" | "hashUser"
> {
  const { seenEvents, more, conversations, feedback, subscriptions } = createMemoryStores(options);
  const { hash } = createAskerHasher(generateSalt());
  return { seenEvents, more, conversations, feedback, subscriptions, hashUser: hash };
}

/** Retries that do not slow tests: one immediate retry (429 still waits for Retry-After). */
export const FAST_RETRIES = { retries: 1, minTimeout: 0, maxTimeout: 1 };

export interface RunningSlackApp {
  slack: SlackApiStandIn;
  app: SlackApp;
  logger: RecordingLogger;
  knowledge: KnowledgeService;
  /** `http://127.0.0.1:<port>` in HTTP mode. */
  baseUrl: string;
  /** `${baseUrl}/slack/events`. */
  eventsUrl: string;
  /** The Socket Mode server, in Socket Mode. */
  socket?: SocketModeServer;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Default: the repository's `knowledge/` folder. */
  knowledgeDir?: string;
  mode?: "http" | "socket";
  /**
   * Deps besides knowledge and logger (questionLog, digestPreview, ackDeadlineMs, …); the
   * stores default to memory (`memorySlackDeps`).
   */
  deps?: Partial<SlackDeps>;
}

export async function startSlackApp(options: StartOptions = {}): Promise<RunningSlackApp> {
  const slack = await startSlackApiStandIn();
  const socket = options.mode === "socket" ? await startSocketModeServer() : undefined;
  if (socket) slack.reply("apps.connections.open", () => ({ url: socket.url }));
  const logger = recordingLogger();
  const knowledge = createKnowledgeService({
    dir: options.knowledgeDir ?? "knowledge",
    watch: false,
  });
  const config = parseConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    KNOWLEDGE_DIR: options.knowledgeDir ?? "knowledge",
    ...(socket
      ? { SLACK_APP_TOKEN: "xapp-test-token" }
      : { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, PORT: "0" }),
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: "debug",
  });
  const app = createSlackApp(config, {
    knowledge,
    logger,
    retryConfig: FAST_RETRIES,
    ...memorySlackDeps(options.deps?.now === undefined ? {} : { now: options.deps.now }),
    ...options.deps,
  });
  await knowledge.ready;
  await app.start();
  const baseUrl = `http://127.0.0.1:${app.port() ?? 0}`;
  return {
    slack,
    app,
    logger,
    knowledge,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    ...(socket ? { socket } : {}),
    async stop() {
      await app.stop();
      await knowledge.close();
      await socket?.close();
      await slack.close();
    },
  };
}

/** Posts a signed `/iranpak <text>` from `user` (in `channel`), its replies going to `responseId`. */
export function postSlashCommand(
  run: RunningSlackApp,
  text: string,
  options: { user: string; channel?: string; responseId?: string },
): Promise<PostResult> {
  return postSigned(
    run.eventsUrl,
    commandForm({
      ...slashCommandFields(),
      text,
      user_id: options.user,
      ...(options.channel === undefined ? {} : { channel_id: options.channel }),
      response_url: run.slack.responseUrl(options.responseId ?? uniqueId("cmd")),
    }),
  );
}

/** Opens the Home tab as each of `users`, and gives the view published for each, in order. */
export async function openHomeTabs(run: RunningSlackApp, users: readonly string[]) {
  for (const user of users) {
    await postSigned(
      run.eventsUrl,
      eventCallback({
        type: "app_home_opened",
        user,
        channel: "D0HOME",
        tab: "home",
        event_ts: "1.2",
      }),
    );
  }
  return Promise.all(
    users.map((user) => run.slack.waitForCall("views.publish", (c) => c.body.user_id === user)),
  );
}
