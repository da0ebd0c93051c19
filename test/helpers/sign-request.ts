/**
 * Signs requests the way Slack does (v0 HMAC-SHA256 over `v0:<timestamp>:<body>`), and posts them
 * to a Bolt app in HTTP mode.
 */
import { createHmac } from "node:crypto";

export const TEST_SIGNING_SECRET = "8f742231b10e8888abcd99aa0fcd85a5";

export interface SignOptions {
  secret?: string;
  /** Unix seconds; default now. Five minutes or more off is "stale" for Bolt. */
  timestamp?: number;
}

/** The two headers Slack adds to every request. */
export function signatureHeaders(body: string, options: SignOptions = {}): Record<string, string> {
  const { secret = TEST_SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000) } = options;
  const digest = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return {
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": `v0=${digest}`,
  };
}

export interface PostOptions extends SignOptions {
  /** Default: JSON for objects, form-encoded for URLSearchParams. */
  contentType?: string;
  /** Extra headers, e.g. `x-slack-retry-num`; they override the signature when given. */
  headers?: Record<string, string>;
  /** Send no signature headers at all. */
  unsigned?: boolean;
}

export interface PostResult {
  status: number;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Posts a signed body (an event callback object, or form fields) to `url`. */
export async function postSigned(
  url: string,
  payload: Record<string, unknown> | URLSearchParams | string,
  options: PostOptions = {},
): Promise<PostResult> {
  const form = payload instanceof URLSearchParams;
  const body =
    typeof payload === "string" ? payload : form ? payload.toString() : JSON.stringify(payload);
  const contentType =
    options.contentType ?? (form ? "application/x-www-form-urlencoded" : "application/json");
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      ...(options.unsigned ? {} : signatureHeaders(body, options)),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, json: tryJson(text) };
}

/** Form fields for a slash command, as Slack posts them. */
export function commandForm(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

/** An interaction (block_actions) payload, as Slack posts it: one form field `payload`. */
export function interactionForm(payload: Record<string, unknown>): URLSearchParams {
  return new URLSearchParams({ payload: JSON.stringify(payload) });
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
