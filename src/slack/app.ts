import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import type { Config } from "../config.ts";
import { IranpakError } from "../errors.ts";
import { boltLogger } from "./bolt-logger.ts";
import { SLACK_DEPS_DEFAULTS, type SlackDeps } from "./deps.ts";
import { healthHandler } from "./health.ts";
import * as actions from "./listeners/actions/index.ts";
import * as commands from "./listeners/commands/index.ts";
import * as events from "./listeners/events/index.ts";
import * as home from "./listeners/home/index.ts";
import * as shortcuts from "./listeners/shortcuts/index.ts";
import { createErrorLogger } from "./log-errors.ts";
import { createHttpReceiver, createSocketModeReceiver } from "./receivers.ts";
import { createSlackFetch } from "./slack-fetch.ts";

/** Where Slack posts events, commands and interactions in HTTP mode (the manifest's URLs). */
export const EVENTS_PATH = "/slack/events";
export const HEALTH_PATH = "/healthz";

export interface SlackApp {
  app: App;
  /** Connects (Socket Mode) or starts listening (HTTP mode). */
  start(): Promise<void>;
  /** Closes the socket or the HTTP server; requests in flight finish first. Safe to call twice. */
  stop(): Promise<void>;
  /** The port the HTTP server listens on once started (PORT=0 picks one); undefined otherwise. */
  port(): number | undefined;
}

/**
 * The Slack app in the mode the config chose: Socket Mode with the app token, or HTTP on PORT
 * with `/slack/events` and `GET /healthz`. The listeners are the same in both.
 */
export function createSlackApp(config: Config, deps: SlackDeps): SlackApp {
  const { slack } = config;
  if (slack.mode === "console") {
    throw new IranpakError(
      "SLACK_NOT_CONFIGURED",
      "createSlackApp: no Slack tokens are configured (the console runs instead)",
    );
  }
  const logger = boltLogger(deps.logger, config.logLevel);
  const clientOptions = {
    retryConfig: deps.retryConfig ?? SLACK_DEPS_DEFAULTS.retryConfig,
    // Every Web API call and response_url post goes through it: a time limit on each, and a
    // 429 waits for its own channel only. The WebClient must not wait as well: it would pause
    // every call for one channel's Retry-After.
    fetch: createSlackFetch({ ...deps.webApiLimits, logger: deps.logger }),
    rejectRateLimitedCalls: true,
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
  };
  const common = { token: slack.botToken, logger, clientOptions, extendedErrorHandler: true };
  const app =
    slack.mode === "socket"
      ? new App({
          ...common,
          socketMode: true,
          receiver: createSocketModeReceiver({
            appToken: slack.appToken,
            logger,
            installerOptions: { clientOptions },
          }),
        })
      : new App({
          ...common,
          receiver: createHttpReceiver({
            signingSecret: slack.signingSecret,
            endpoints: EVENTS_PATH,
            port: slack.port,
            logger,
            customRoutes: [{ path: HEALTH_PATH, method: ["GET"], handler: healthHandler(deps) }],
          }),
        });
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
  shortcuts.register(app, deps);
  home.register(app, deps);
  app.error(createErrorLogger(deps.logger));

  let server: Server | undefined;
  let running = false;
  return {
    app,
    async start() {
      if (slack.mode === "http") {
        server = (await app.start(slack.port)) as Server;
        const { port } = server.address() as AddressInfo;
        deps.logger.info(`listening on port ${port}: POST ${EVENTS_PATH}, GET ${HEALTH_PATH}`);
      } else {
        await app.start();
        deps.logger.info("connected to Slack in Socket Mode");
      }
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      await app.stop();
    },
    port: () => (server?.listening ? (server.address() as AddressInfo).port : undefined),
  };
}
