/**
 * A local stand-in for Slack's Web API and for response_url, for end-to-end tests on loopback.
 *
 *   const slack = await startSlackApiStandIn();
 *   new App({ clientOptions: { slackApiUrl: slack.apiUrl } , ... });   // or SLACK_API_URL
 *   const url = slack.responseUrl("cmd-1");        // put it in a payload's response_url
 *   slack.fail("chat.postMessage", { status: 429, retryAfter: 1 });   // next call is rate limited
 *   slack.fail("chat.postMessage", { hang: true });   // next call is never answered
 *   slack.failResponse("cmd-1", { hang: true });      // nor is the post to that response_url
 *   const post = await slack.waitForCall("chat.postMessage");
 *   await slack.close();
 *
 * Every call is recorded with its parsed body (form fields holding JSON, such as `blocks`, are
 * parsed) and the token it carried. Methods answer like Slack does: `{ ok: true, … }` for the
 * ones listed in DEFAULT_REPLIES, `{ ok: false, error: "unknown_method" }` for the rest.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  /** The token from the Authorization header or the `token` field. */
  token: string | undefined;
  /** When the call arrived (`Date.now()`). */
  at: number;
}

export interface ResponseUrlPost {
  /** The id given to `responseUrl(id)`. */
  id: string;
  body: Record<string, unknown>;
  /** When the post arrived (`Date.now()`). */
  at: number;
}

/**
 * How a method fails: an HTTP status (429 adds Retry-After), a Slack `ok: false` error, or no
 * answer at all (the request is held open until the stand-in closes).
 */
export type Failure =
  | { status: 429; retryAfter: number }
  | { status: number }
  | { error: string }
  | { hang: true };

export interface FailOptions {
  /** How many calls fail before the method answers normally again. Default 1. */
  times?: number;
  /** Fail only the calls for this channel. */
  channel?: string;
}

export interface StandInOptions {
  /** Identity auth.test reports: Bolt reads the bot's user id from it. */
  botUserId?: string;
  botId?: string;
  teamId?: string;
}

export const STAND_IN_DEFAULTS = {
  botUserId: "U08BOTIRPK",
  botId: "B08BOTIRPK1",
  teamId: "T0A1B2C3D4E",
} as const satisfies Required<StandInOptions>;

type Reply = (call: ApiCall) => Record<string, unknown>;

export interface SlackApiStandIn {
  /** Base URL for `slackApiUrl` / SLACK_API_URL, ending in `/`. */
  readonly apiUrl: string;
  /** Every Web API call so far, oldest first. */
  readonly calls: readonly ApiCall[];
  /** Every POST to a response_url so far, oldest first. */
  readonly responses: readonly ResponseUrlPost[];
  /** A response_url on this server; posts to it are recorded under `id`. */
  responseUrl(id: string): string;
  /** Calls of one method. */
  callsTo(method: string): ApiCall[];
  /** Makes the next call(s) to `method` fail. Failures queue up in order. */
  fail(method: string, failure: Failure, options?: FailOptions): void;
  /** Makes the next post(s) to `responseUrl(id)` fail (`channel` does not apply). */
  failResponse(id: string, failure: Failure, options?: Pick<FailOptions, "times">): void;
  /** Replaces how a method answers when it does not fail (merged over `ok: true`). */
  reply(method: string, reply: Reply): void;
  /** Resolves with the first call (past or future) to `method` that matches. */
  waitForCall(
    method: string,
    match?: (call: ApiCall) => boolean,
    timeoutMs?: number,
  ): Promise<ApiCall>;
  /** Resolves with the first response_url post (past or future) that matches. */
  waitForResponse(
    match?: (post: ResponseUrlPost) => boolean,
    timeoutMs?: number,
  ): Promise<ResponseUrlPost>;
  close(): Promise<void>;
}

let tsCounter = 0;
/** Unique message timestamps, in Slack's `seconds.micro` form. */
function nextTs(): string {
  tsCounter += 1;
  return `1732610100.${String(tsCounter).padStart(6, "0")}`;
}

function defaultReplies(ids: Required<StandInOptions>): Record<string, Reply> {
  return {
    "auth.test": () => ({
      url: "https://iranpak-lab.slack.com/",
      team: "iranpak-lab",
      user: "iranpak",
      team_id: ids.teamId,
      user_id: ids.botUserId,
      bot_id: ids.botId,
    }),
    "chat.postMessage": (call) => ({ channel: call.body.channel, ts: nextTs() }),
    "chat.postEphemeral": () => ({ message_ts: nextTs() }),
    "chat.update": (call) => ({ channel: call.body.channel, ts: call.body.ts }),
    "chat.delete": () => ({}),
    "conversations.info": (call) => ({ channel: { id: call.body.channel, is_member: true } }),
    "views.open": () => ({ view: { id: "V0STANDIN" } }),
    "views.publish": () => ({ view: { id: "V0STANDIN" } }),
    "views.update": () => ({ view: { id: "V0STANDIN" } }),
    // Socket Mode tests point this at their WebSocket server with reply().
    "apps.connections.open": () => ({ url: "ws://127.0.0.1:9/unset" }),
  };
}

export async function startSlackApiStandIn(options: StandInOptions = {}): Promise<SlackApiStandIn> {
  const ids = { ...STAND_IN_DEFAULTS, ...options };
  const replies = defaultReplies(ids);
  const failures = new Map<string, { failure: Failure; left: number; channel?: string }[]>();
  const responseFailures = new Map<string, { failure: Failure; left: number }[]>();
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const events = new EventEmitter();

  const takeFrom = <F extends { failure: Failure; left: number; channel?: string }>(
    queue: F[],
    channel: unknown,
  ): Failure | undefined => {
    const i = queue.findIndex((f) => f.channel === undefined || f.channel === channel);
    const entry = queue[i];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) queue.splice(i, 1);
    return entry.failure;
  };
  const takeFailure = (call: ApiCall) =>
    takeFrom(failures.get(call.method) ?? [], call.body.channel);

  /** Answers with the failure; false when there is none and the caller answers normally. */
  const sendFailure = (res: ServerResponse, failure: Failure | undefined): boolean => {
    if (failure === undefined) return false;
    if ("hang" in failure) return true;
    if ("error" in failure) {
      send(res, 200, { ok: false, error: failure.error });
      return true;
    }
    const headers: Record<string, string> =
      "retryAfter" in failure ? { "retry-after": String(failure.retryAfter) } : {};
    send(res, failure.status, { ok: false, error: "stand_in_failure" }, headers);
    return true;
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => route(req, res, raw))
      .catch(() => send(res, 400, { ok: false, error: "invalid_body" }));
  });

  const route = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    const body = parseBody(raw, req.headers["content-type"]);
    if (path.startsWith("/response/")) {
      const post = {
        id: decodeURIComponent(path.slice("/response/".length)),
        body,
        at: Date.now(),
      };
      responses.push(post);
      events.emit("response", post);
      if (sendFailure(res, takeFrom(responseFailures.get(post.id) ?? [], undefined))) return;
      return send(res, 200, { ok: true });
    }
    if (!path.startsWith("/api/")) return send(res, 404, { ok: false, error: "not_found" });
    const method = path.slice("/api/".length);
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : (body.token as string | undefined);
    const call: ApiCall = { method, body, token, at: Date.now() };
    calls.push(call);
    events.emit("call", call);
    if (sendFailure(res, takeFailure(call))) return;
    const reply = replies[method];
    if (!reply) return send(res, 200, { ok: false, error: "unknown_method" });
    return send(res, 200, { ok: true, ...reply(call) });
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  function waitFor<T>(
    kind: "call" | "response",
    past: readonly T[],
    match: (item: T) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    const found = past.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onItem = (item: T) => {
        if (!match(item)) return;
        clearTimeout(timer);
        events.off(kind, onItem);
        resolve(item);
      };
      const timer = setTimeout(() => {
        events.off(kind, onItem);
        reject(new Error(`stand-in: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      events.on(kind, onItem);
    });
  }

  return {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    callsTo: (method) => calls.filter((c) => c.method === method),
    fail(method, failure, { times = 1, channel } = {}) {
      const queue = failures.get(method) ?? [];
      queue.push({ failure, left: times, ...(channel === undefined ? {} : { channel }) });
      failures.set(method, queue);
    },
    failResponse(id, failure, { times = 1 } = {}) {
      const queue = responseFailures.get(id) ?? [];
      queue.push({ failure, left: times });
      responseFailures.set(id, queue);
    },
    reply(method, reply) {
      replies[method] = reply;
    },
    waitForCall: (method, match = () => true, timeoutMs = 5000) =>
      waitFor<ApiCall>(
        "call",
        calls,
        (c) => c.method === method && match(c),
        timeoutMs,
        `matching ${method} call`,
      ),
    waitForResponse: (match = () => true, timeoutMs = 5000) =>
      waitFor<ResponseUrlPost>(
        "response",
        responses,
        match,
        timeoutMs,
        "matching response_url post",
      ),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** JSON bodies as they are; form bodies field by field, with JSON-looking fields parsed. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return body;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}
