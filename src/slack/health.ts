import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log/logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { SlackDeps } from "./deps.ts";

export const HEALTH_PATH = "/healthz";
export const METRICS_PATH = "/metrics";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `GET /healthz`: 200 while answers are served, with the knowledge base's counts; `degraded`
 * (still 200: it answers, but someone should fix the knowledge folder) adds the reason and
 * since when; 503 while starting: the knowledge is not loaded yet, or `started` says the app is
 * not connected yet.
 */
export function healthHandler(
  { knowledge }: Pick<SlackDeps, "knowledge">,
  started: () => boolean = () => true,
): Handler {
  return (_req, res) => {
    const { state, reason, since } = started()
      ? knowledge.status()
      : { state: "starting" as const, reason: undefined, since: undefined };
    const body =
      state === "ready"
        ? { ok: true, status: state, counts: knowledge.counts() }
        : state === "degraded"
          ? { ok: true, status: state, reason, since, counts: knowledge.counts() }
          : { ok: false, status: state };
    res.writeHead(state === "starting" ? 503 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
}

/** `GET /metrics`: the metrics in Prometheus's text format. */
export function metricsHandler(metrics: Pick<Metrics, "scrape">, logger: Logger): Handler {
  return (_req, res) => {
    metrics.scrape().then(
      ({ contentType, body }) => {
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
      },
      (error: unknown) => {
        logger.error(`could not collect the metrics: ${String(error)}`);
        res.writeHead(500);
        res.end();
      },
    );
  };
}

export interface HealthServer {
  /** The port it listens on (`port: 0` picks one). */
  port(): number;
  close(): Promise<void>;
}

/**
 * A small HTTP server with only `GET /healthz` and `GET /metrics`: for Socket Mode, which has no
 * HTTP server of its own, so that a supervisor (Docker's HEALTHCHECK, Kubernetes' probes) and
 * Prometheus can reach the bot. Resolves once it listens; rejects when the port is taken.
 */
export async function startHealthServer(options: {
  port: number;
  health: Handler;
  metrics: Handler;
}): Promise<HealthServer> {
  const routes: Record<string, Handler> = {
    [HEALTH_PATH]: options.health,
    [METRICS_PATH]: options.metrics,
  };
  const server: Server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? "/", "http://localhost").pathname];
    if (route === undefined || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(route === undefined ? 404 : 405);
      res.end();
      return;
    }
    route(req, res);
  });
  // A probe that stays connected must not hold up the exit.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: () => (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
