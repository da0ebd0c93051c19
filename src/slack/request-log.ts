/**
 * One log line and one count per Slack request handled: its kind, its outcome, how long it took.
 * A Bolt global middleware, so it sees every request a listener takes, in both modes; what the
 * listener produced (an answer's confidence) reaches it through `noteOutcome`, which needs no
 * change to the listeners.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { App } from "@slack/bolt";
import { type Logger, withContext } from "../logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { describeRequest } from "./log-errors.ts";

interface RequestNote {
  outcome?: string;
}

const current = new AsyncLocalStorage<RequestNote>();

/**
 * Records how the request being handled went (`direct`, `closest`, `none` for a question); the
 * last note wins. Outside a request, does nothing.
 */
export function noteOutcome(outcome: string): void {
  const note = current.getStore();
  if (note) note.outcome = outcome;
}

export type RequestKind = "command" | "event" | "action" | "other";

export function requestKind(body: unknown): RequestKind {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.command === "string") return "command";
  if (b.event !== undefined) return "event";
  if (Array.isArray(b.actions)) return "action";
  return "other";
}

/** Logs and counts each request the app dispatches (`outcome` is `error` when a listener threw). */
export function logRequests(
  app: App,
  deps: { logger: Logger; metrics: Pick<Metrics, "requests" | "requestSeconds"> },
): void {
  app.use(async ({ body, next }) => {
    const started = performance.now();
    const note: RequestNote = {};
    let failed = false;
    try {
      await current.run(note, next);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const kind = requestKind(body);
      const outcome = failed ? "error" : (note.outcome ?? "ok");
      deps.metrics.requests.inc({ kind, outcome });
      deps.metrics.requestSeconds.observe({ kind }, ms / 1000);
      withContext(deps.logger, { kind, outcome, ms }).info(`handled ${describeRequest(body)}`);
    }
  });
}
