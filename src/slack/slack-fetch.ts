/**
 * The fetch every call to Slack goes through: Web API methods (the WebClient's `fetch` option)
 * and response_url posts (Bolt's `respond` uses the same option). It gives each attempt a time
 * limit, and waits out a 429's Retry-After for that call's channel only.
 *
 * Why not the WebClient's own 429 handling: it pauses the client's whole request queue for the
 * Retry-After, so one rate-limited channel held up every other answer (a 20 s Retry-After on one
 * channel delayed a mention elsewhere by 19.7 s). Here only calls to the same channel (or the same
 * response_url) wait; the WebClient is told to reject the 429s that are left
 * (`rejectRateLimitedCalls`), so it never pauses.
 */
import { IranpakError } from "../errors.ts";
import type { Logger } from "../log/logger.ts";

export interface SlackFetchOptions {
  /** How long one attempt may take before it is abandoned. */
  timeoutMs: number;
  /** How many times a rate-limited call is tried again after its Retry-After. */
  rateLimitRetries: number;
  /** A Retry-After longer than this is not waited for: the 429 goes back to the caller. */
  maxRetryAfterMs: number;
  /** Hears of each failed attempt (the metrics count them). */
  onFailure?: (failure: WebApiFailure) => void;
}

/**
 * A failed attempt: the Web API method (`response_url` for response_url posts) and why: Slack's
 * error code (`not_in_channel`), `http_<status>`, `timeout` or `request_failed`.
 */
export interface WebApiFailure {
  method: string;
  code: string;
}

export const DEFAULT_SLACK_FETCH_OPTIONS: SlackFetchOptions = {
  // Slack answers in well under a second; ten gives a slow network room and still frees the
  // listener long before anyone gives up on the answer.
  timeoutMs: 10_000,
  rateLimitRetries: 2,
  // An answer half a minute late still helps; one minutes late is better logged as failed.
  maxRetryAfterMs: 30_000,
};

/** Thrown when Slack (or a response_url) gives no answer within the time limit. */
export const SLACK_TIMEOUT = "SLACK_TIMEOUT";

/** Used when a 429 carries no usable Retry-After. */
const DEFAULT_RETRY_AFTER_S = 1;

export function createSlackFetch(
  options: Partial<SlackFetchOptions> & { logger?: Logger; fetch?: typeof fetch } = {},
): typeof fetch {
  const { timeoutMs, rateLimitRetries, maxRetryAfterMs } = {
    ...DEFAULT_SLACK_FETCH_OPTIONS,
    ...options,
  };
  const send = options.fetch ?? globalThis.fetch;
  /** When each channel (or response_url) may be called again, after a 429. */
  const blockedUntil = new Map<string, number>();

  const attempt = async (
    input: string | URL | Request,
    init: RequestInit | undefined,
    what: string,
  ) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await send(input, { ...init, signal });
    } catch (error) {
      if (!timeout.aborted) throw error;
      throw new IranpakError(SLACK_TIMEOUT, `${what} got no answer within ${timeoutMs} ms`, {
        cause: error,
      });
    }
  };

  const onFailure = options.onFailure;
  const checked = async (
    input: string | URL | Request,
    init: RequestInit | undefined,
    what: string,
  ) => {
    if (onFailure === undefined) return attempt(input, init, what);
    const method = webApiMethod(input);
    let response: Response;
    try {
      response = await attempt(input, init, what);
    } catch (error) {
      const timedOut = error instanceof IranpakError && error.code === SLACK_TIMEOUT;
      onFailure({ method, code: timedOut ? "timeout" : "request_failed" });
      throw error;
    }
    // Read before the caller reads it, so a failure is counted by the time the caller sees it.
    const code = response.ok ? await slackErrorOf(response) : `http_${response.status}`;
    if (code !== undefined) onFailure({ method, code });
    return response;
  };

  return async (input, init) => {
    const target = describeTarget(input, init?.body);
    for (let retry = 0; ; retry += 1) {
      await sleep((blockedUntil.get(target.key) ?? 0) - Date.now());
      const response = await checked(input, init, target.what);
      if (response.status !== 429 || retry >= rateLimitRetries) return response;
      const waitMs = retryAfterSeconds(response) * 1000;
      if (waitMs > maxRetryAfterMs) return response;
      await response.body?.cancel();
      blockedUntil.set(
        target.key,
        Math.max(blockedUntil.get(target.key) ?? 0, Date.now() + waitMs),
      );
      options.logger?.warn(
        `Slack rate-limited ${target.what}: trying again in ${waitMs / 1000} s (retry ${retry + 1} of ${rateLimitRetries}); other channels are not held up`,
      );
    }
  };
}

/**
 * What a call is for the log (`chat.postMessage to C123`, `a response_url post`), and the key
 * its rate limit is kept under: its channel when it names one, else its URL.
 */
export function describeTarget(
  input: string | URL | Request,
  body: RequestInit["body"],
): { what: string; key: string } {
  const url = new URL(urlOf(input));
  const channel = channelOf(body);
  const method = url.pathname.match(/\/api\/([\w.]+)$/)?.[1];
  if (method === undefined) return { what: "a response_url post", key: url.href };
  return {
    what: channel === undefined ? method : `${method} to ${channel}`,
    key: channel === undefined ? method : `channel:${channel}`,
  };
}

/** The Web API method a call is to (`chat.postMessage`), or `response_url`. */
export function webApiMethod(input: string | URL | Request): string {
  return new URL(urlOf(input)).pathname.match(/\/api\/([\w.]+)$/)?.[1] ?? "response_url";
}

function urlOf(input: string | URL | Request): string {
  return input instanceof Request ? input.url : String(input);
}

/**
 * Slack's error code when a 200 answer says `ok: false`, read from a copy of the body so the
 * caller's is untouched; undefined otherwise.
 */
async function slackErrorOf(response: Response): Promise<string | undefined> {
  if (!(response.headers.get("content-type") ?? "").includes("json")) return undefined;
  try {
    const body = (await response.clone().json()) as { ok?: unknown; error?: unknown };
    if (body.ok !== false) return undefined;
    return typeof body.error === "string" ? body.error : "unknown_error";
  } catch {
    return undefined;
  }
}

/** The `channel` argument of a Web API call, sent form-encoded or as JSON. */
function channelOf(body: RequestInit["body"]): string | undefined {
  if (typeof body !== "string") {
    return body instanceof URLSearchParams ? (body.get("channel") ?? undefined) : undefined;
  }
  if (body.startsWith("{")) {
    try {
      const channel = (JSON.parse(body) as { channel?: unknown }).channel;
      return typeof channel === "string" ? channel : undefined;
    } catch {
      return undefined;
    }
  }
  return new URLSearchParams(body).get("channel") ?? undefined;
}

function retryAfterSeconds(response: Response): number {
  const seconds = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_RETRY_AFTER_S;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
