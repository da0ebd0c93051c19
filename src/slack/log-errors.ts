import type { Logger } from "../log/logger.ts";
import { SLACK_TIMEOUT } from "./slack-fetch.ts";

interface CodedLike {
  code?: string;
  message: string;
  stack?: string;
  data?: { error?: string };
  statusCode?: number;
  retryAfter?: number;
  original?: Error;
  originals?: Error[];
}

/**
 * Bolt's error handler: logs each kind of failure with what was being handled, and returns, so
 * that Bolt answers the request and the app keeps serving.
 */
export function createErrorLogger(logger: Logger) {
  return async ({ error, body }: { error: Error; body: unknown }): Promise<void> => {
    const where = describeRequest(body);
    const errors = ((error as CodedLike).originals ?? [error]) as CodedLike[];
    for (const e of errors) logger.error(`${describeError(e)} while handling ${where}`);
  };
}

/** The Web API client's error codes (`webApi.ErrorCode`), as the errors carry them. */
const WEB_API = {
  platform: "slack_webapi_platform_error",
  rateLimited: "slack_webapi_rate_limited_error",
  http: "slack_webapi_http_error",
  request: "slack_webapi_request_error",
} as const;

/**
 * Why a Web API call failed, in Slack's own short terms (`not_in_channel`, `HTTP 503`, `rate
 * limited (retry after 3 s)`), or undefined when the error says too little.
 */
function webApiReason(e: Partial<CodedLike> | undefined): string | undefined {
  switch (e?.code) {
    case WEB_API.platform:
      return e.data?.error;
    case WEB_API.rateLimited:
      return `rate limited (retry after ${e.retryAfter ?? "?"} s)`;
    case WEB_API.http:
      return e.statusCode ? `HTTP ${e.statusCode}` : undefined;
    case WEB_API.request:
      return e.original?.message;
    default:
      return undefined;
  }
}

/** A short, loggable reason from a Web API error (the digest's log lines and outcomes). */
export function describeSlackError(error: unknown): string {
  const e = error as Partial<CodedLike> | undefined;
  return webApiReason(e) ?? e?.message ?? String(error);
}

/** Says what failed, in the terms of its kind (`error.code` from Bolt and the Web API client). */
export function describeError(e: CodedLike): string {
  switch (e.code) {
    case WEB_API.platform:
      return `Slack refused a Web API call (${webApiReason(e) ?? "unknown error"})`;
    case WEB_API.rateLimited:
      return `Slack rate-limited a Web API call (retry after ${e.retryAfter ?? "?"} s)`;
    case WEB_API.http:
      return `Slack's Web API answered HTTP ${e.statusCode ?? "?"}`;
    case WEB_API.request:
      return `could not reach Slack's Web API (${webApiReason(e) ?? e.message})`;
    case "slack_bolt_authorization_error":
      return `could not authorize the request (${e.message})`;
    case "slack_bolt_respond_error":
      return `a response_url post failed (${e.message})`;
    case SLACK_TIMEOUT:
      return e.message;
    default:
      return `a listener failed: ${(e.original ?? e).stack ?? e.message}`;
  }
}

/** "command /iranpak in C123", "event app_mention Ev1 in C123", "action iranpak_more in C123". */
export function describeRequest(body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>;
  const event = b.event as Record<string, unknown> | undefined;
  const channel = (b.channel_id ?? event?.channel ?? (b.channel as { id?: unknown })?.id) as
    | string
    | undefined;
  const where = channel === undefined ? "" : ` in ${channel}`;
  if (typeof b.command === "string") return `command ${b.command}${where}`;
  if (event) return `event ${String(event.type)} ${String(b.event_id)}${where}`;
  const actions = b.actions as { action_id?: string }[] | undefined;
  if (actions?.[0]) return `action ${String(actions[0].action_id)}${where}`;
  return `a ${String(b.type ?? "request")}${where}`;
}
