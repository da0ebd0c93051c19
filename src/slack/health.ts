import type { IncomingMessage, ServerResponse } from "node:http";
import type { SlackDeps } from "./deps.ts";

/**
 * `GET /healthz`: 200 while answers are served, with the knowledge base's counts; `degraded`
 * (still 200: it answers, but someone should fix the knowledge folder) adds the reason and
 * since when; 503 while starting.
 */
export function healthHandler({ knowledge }: Pick<SlackDeps, "knowledge">) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    const { state, reason, since } = knowledge.status();
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
