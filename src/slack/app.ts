import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import type { Config } from "../config.ts";
import { IranpakError } from "../errors.ts";
import { countAnswers, countWebApiFailures, overriding } from "../metrics/instrument.ts";
import { createMetrics, type Metrics } from "../metrics/metrics.ts";
import { boltLogger } from "./bolt-logger.ts";
import { DEFAULT_SLACK_DEPS, type SlackDeps } from "./deps.ts";
import {
  HEALTH_PATH,
  type HealthServer,
  healthHandler,
  METRICS_PATH,
  metricsHandler,
  startHealthServer,
} from "./health.ts";
import * as actions from "./listeners/actions/index.ts";
import * as commands from "./listeners/commands/index.ts";
import * as events from "./listeners/events/index.ts";
import { routeRequests } from "./listeners/router.ts";
import * as shortcuts from "./listeners/shortcuts/index.ts";
import { createErrorLogger } from "./log-errors.ts";
import { publicStatus } from "./public-status.ts";
import { createHttpReceiver, createSocketModeReceiver } from "./receivers.ts";
import { logRequests } from "./request-log.ts";
import { createSlackFetch } from "./slack-fetch.ts";

/** Where Slack posts events, commands and interactions in HTTP mode (the manifest's URLs). */
export const EVENTS_PATH = "/slack/events";
export { HEALTH_PATH, METRICS_PATH };

/** What the Slack app needs: the listeners' deps, and the metrics to report to. */
export interface AppDeps extends SlackDeps {
  /** Default: a registry of its own (see `SlackApp.metrics`). */
  metrics?: Metrics;
}

export interface SlackApp {
  app: App;
  /** Connects (Socket Mode) or starts listening (HTTP mode). */
  start(): Promise<void>;
  /** Closes the socket or the HTTP server; requests in flight finish first. Safe to call twice. */
  stop(): Promise<void>;
  /** The port the HTTP server listens on once started (PORT=0 picks one); undefined otherwise. */
  port(): number | undefined;
  /** The port `/healthz` and `/metrics` are served on apart from Slack's (HEALTH_PORT). */
  healthPort(): number | undefined;
  metrics: Metrics;
}

/**
 * The Slack app in the mode the config chose: Socket Mode with the app token, or HTTP on PORT
 * with `/slack/events`, `GET /healthz` and `GET /metrics`; with HEALTH_PORT, those two on that
 * port as well (in Socket Mode, the only way to reach them). The listeners are the same in both.
 * Each request is logged and counted, each answer counted by confidence.
 */
export function createSlackApp(config: Config, appDeps: AppDeps): SlackApp {
  const { slack } = config;
  if (slack.mode === "console") {
    throw new IranpakError(
      "SLACK_NOT_CONFIGURED",
      "createSlackApp: no Slack tokens are configured (the console runs instead)",
    );
  }
  const metrics = appDeps.metrics ?? createMetrics();
  metrics.observeKnowledge(appDeps.knowledge);
  // `/healthz` and the Home tab show the status to anyone: its paths relative to the folder.
  const knowledge = overriding(appDeps.knowledge, {
    status: () => publicStatus(appDeps.knowledge.status(), config.knowledgeDir),
  });
  const deps: SlackDeps = {
    ...appDeps,
    knowledge: countAnswers(
      knowledge,
      metrics,
      // What people ask stays out of the logs unless someone is debugging.
      config.logLevel !== "debug"
        ? undefined
        : (question, answer, ms) =>
            appDeps.logger.debug(
              `question ${JSON.stringify(question)}: ${answer.confidence} in ${ms.toFixed(1)} ms`,
            ),
    ),
  };
  const logger = boltLogger(deps.logger, config.logLevel);
  const clientOptions = {
    retryConfig: deps.retryConfig ?? DEFAULT_SLACK_DEPS.retryConfig,
    // Every Web API call and response_url post goes through it: a time limit on each, and a
    // 429 waits for its own channel only. The WebClient must not wait as well: it would pause
    // every call for one channel's Retry-After.
    fetch: createSlackFetch({
      ...deps.webApiLimits,
      logger: deps.logger,
      onFailure: countWebApiFailures(metrics),
    }),
    rejectRateLimitedCalls: true,
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
  };
  let running = false;
  // Until the app has connected (Socket Mode) the bot answers nothing: not ready, whatever the
  // knowledge service says.
  const health = healthHandler(deps, () => running);
  const metricsRoute = metricsHandler(metrics, deps.logger);
  // No Bolt conversation store: the bot keeps its own state (src/conversation), and Bolt's
  // in-memory default rejected with a new Error on every request (about 30 µs each).
  const common = {
    token: slack.botToken,
    logger,
    clientOptions,
    extendedErrorHandler: true,
    convoStore: false as const,
  };
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
            customRoutes: [
              { path: HEALTH_PATH, method: ["GET"], handler: health },
              {
                path: METRICS_PATH,
                method: ["GET"],
                handler: metricsHandler(metrics, deps.logger),
              },
            ],
          }),
        });
  logRequests(app, { logger: deps.logger, metrics });
  routeRequests(app, (router) => {
    commands.register(router, deps);
    events.register(router, deps);
    actions.register(router, deps);
    shortcuts.register(router, deps);
  });
  app.error(createErrorLogger(deps.logger));

  let server: Server | undefined;
  let healthServer: HealthServer | undefined;
  const { healthPort } = config;
  // In HTTP mode both are on PORT already; a HEALTH_PORT of its own adds a second listener.
  const separateHealthPort =
    healthPort !== undefined &&
    (slack.mode === "socket" || healthPort !== slack.port || healthPort === 0);
  return {
    app,
    metrics,
    async start() {
      if (separateHealthPort) {
        healthServer = await startHealthServer({
          port: healthPort,
          health,
          metrics: metricsRoute,
        });
        deps.logger.info(
          `serving GET ${HEALTH_PATH} and GET ${METRICS_PATH} on port ${healthServer.port()}`,
        );
      }
      try {
        if (slack.mode === "http") {
          server = (await app.start(slack.port)) as Server;
          const { port } = server.address() as AddressInfo;
          deps.logger.info(
            `listening on port ${port}: POST ${EVENTS_PATH}, GET ${HEALTH_PATH}, GET ${METRICS_PATH}`,
          );
        } else {
          await app.start();
          deps.logger.info("connected to Slack in Socket Mode");
        }
      } catch (error) {
        await healthServer?.close();
        healthServer = undefined;
        throw error;
      }
      running = true;
    },
    async stop() {
      const closing = healthServer?.close();
      healthServer = undefined;
      if (running) {
        running = false;
        await app.stop();
      }
      await closing;
    },
    port: () => (server?.listening ? (server.address() as AddressInfo).port : undefined),
    healthPort: () => healthServer?.port(),
  };
}
