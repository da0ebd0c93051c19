/**
 * One log line and one count per Slack request handled: its kind, its outcome, how long it took.
 * A Bolt global middleware, so it sees every request a listener takes, in both modes; what the
 * listener produced (an answer's confidence) reaches it through the request's note, kept in
 * Bolt's context. Not through AsyncLocalStorage: on Node 20 it hooks every promise of every
 * request, which cost 35 to 90 µs a request here (measured with and without it).
 */
import type { App, Context } from "@slack/bolt";
import { type Logger, withContext } from "../log/logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { describeRequest } from "./log-errors.ts";

/** How the request went, as the listener says (`direct`, `closest`, `none` for a question). */
export interface RequestNote {
  outcome?: string;
}

const NOTE_KEY = "iranpakRequestNote";

/** The note of the request `context` belongs to; undefined outside the request log. */
export function requestNoteOf(context: Context): RequestNote | undefined {
  return context[NOTE_KEY] as RequestNote | undefined;
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
  app.use(async ({ body, context, next }) => {
    const started = performance.now();
    const note: RequestNote = {};
    context[NOTE_KEY] = note;
    let failed = false;
    try {
      await next();
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
