import type { IncomingHttpHeaders } from "node:http";
import { type Dispatcher, request as requestWithUndici } from "undici";
import packageJson from "../../package.json" with { type: "json" };
import { type AllowList, parseAllowList } from "./allow-list.ts";
import { acceptsMediaType, formatAcceptHeader, parseContentType } from "./content-types.ts";
import { type Deadline, startDeadline } from "./deadline.ts";
import { decodeText } from "./decode-text.ts";
import { describeError, FetchStop, findFetchStop } from "./fetch-stop.ts";
import { createGuardedAgent, type ResolveHost, resolveWithSystem } from "./guarded-agent.ts";
import { ACCEPT_ENCODING, discardBody, parseContentEncoding, readBody } from "./read-body.ts";
import { checkTarget } from "./target-policy.ts";
import type { FetchedResponse, FetchFailure, FetchRequest, SafeFetch } from "./types.ts";

export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
export const DEFAULT_FETCH_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_FETCH_MAX_REDIRECTS = 5;
export const DEFAULT_USER_AGENT = `iranpak/${packageJson.version} (+knowledge bot; fetches links users add)`;

export interface SafeFetchOptions {
  /**
   * `host` (on the default ports) or `host:port` entries exempt from the address check: intranet
   * wikis, a test's local server. Empty by default. Throws on an entry that is not a host.
   */
  allowHosts?: readonly string[];
  /** One deadline for the whole fetch: every redirect, and the body read. */
  timeoutMs?: number;
  /** The most body bytes read, counted after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Resolves host names (the system resolver by default); tests resolve names without DNS. */
  lookup?: ResolveHost;
}

interface Settings {
  allowList: AllowList;
  agent: Dispatcher;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Redirects that say the resource has a new address for good (RFC 9110, 15.4). */
const PERMANENT_REDIRECT_STATUSES = new Set([301, 308]);

/** Request headers the fetcher sets itself: a caller's value for these is dropped. */
const OWN_HEADERS = new Set([
  "accept",
  "accept-encoding",
  "connection",
  "content-length",
  "host",
  "keep-alive",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
]);

/** Headers that carry credentials: not sent on to another origin by a redirect. */
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

/**
 * The fetcher for URLs that chat users type and feeds list: http(s) on default ports to public
 * addresses only (checked at connect time and on every redirect), bounded in time and size,
 * content types allow-listed. Never throws; every failure comes back as a `FetchFailure`.
 */
export function createSafeFetch(options: SafeFetchOptions = {}): SafeFetch {
  const allowList = parseAllowList(options.allowHosts ?? []);
  const settings: Settings = {
    allowList,
    agent: createGuardedAgent(allowList, options.lookup ?? resolveWithSystem),
    timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES,
    maxRedirects: options.maxRedirects ?? DEFAULT_FETCH_MAX_REDIRECTS,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
  };
  return async (request, signal) => {
    const deadline = startDeadline(settings.timeoutMs, signal);
    try {
      return { ok: true, response: await followRedirects(request, settings, deadline.signal) };
    } catch (error) {
      return { ok: false, failure: describeFailure(error, deadline, settings.timeoutMs) };
    } finally {
      deadline.dispose();
    }
  };
}

async function followRedirects(
  request: FetchRequest,
  settings: Settings,
  signal: AbortSignal,
): Promise<FetchedResponse> {
  const first = parseUrl(request.url);
  let url = first;
  let movedTo: URL | undefined;
  let permanentSoFar = true;
  for (let redirects = 0; ; redirects++) {
    // undici connects before it looks at an aborted signal.
    signal.throwIfAborted();
    const check = checkTarget(url, settings.allowList);
    if (!check.ok) throw new FetchStop(check.failure.kind, check.failure.detail);
    const response = await requestWithUndici(url, {
      dispatcher: settings.agent,
      method: "GET",
      headers: buildHeaders(request, settings.userAgent, url.origin === first.origin),
      signal,
      // One request a connection: nothing is left open between fetches.
      reset: true,
    });
    const location = redirectLocation(response);
    if (location === undefined) {
      const final = await readFinalResponse(url, response, request, settings, signal);
      return movedTo === undefined ? final : { ...final, movedTo: movedTo.href };
    }
    discardBody(response.body);
    if (redirects === settings.maxRedirects) {
      throw new FetchStop(
        "too-many-redirects",
        `more than ${settings.maxRedirects}, at ${url.href}`,
      );
    }
    url = parseUrl(location, url);
    permanentSoFar &&= PERMANENT_REDIRECT_STATUSES.has(response.statusCode);
    // Checked again before it is requested, like every hop: a move is only kept once fetched.
    if (permanentSoFar) movedTo = url;
  }
}

function parseUrl(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    const what = base === undefined ? "URL" : `redirect from ${base.href} to`;
    throw new FetchStop("invalid-url", `${what} "${text.slice(0, 200)}" does not parse`);
  }
}

function buildHeaders(
  request: FetchRequest,
  userAgent: string,
  sameOrigin: boolean,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (OWN_HEADERS.has(lower) || (!sameOrigin && CREDENTIAL_HEADERS.has(lower))) continue;
    headers[lower] = value;
  }
  headers["user-agent"] = userAgent;
  headers.accept = formatAcceptHeader(request.accept);
  headers["accept-encoding"] = ACCEPT_ENCODING;
  return headers;
}

function redirectLocation(response: Dispatcher.ResponseData): string | undefined {
  if (!REDIRECT_STATUSES.has(response.statusCode)) return undefined;
  return flattenHeaders(response.headers).location;
}

/** The final response: its body read only for 2xx, and only when it is content the caller reads. */
async function readFinalResponse(
  url: URL,
  response: Dispatcher.ResponseData,
  request: FetchRequest,
  settings: Settings,
  signal: AbortSignal,
): Promise<FetchedResponse> {
  try {
    const headers = flattenHeaders(response.headers);
    const { mediaType, charset } = parseContentType(headers["content-type"]);
    const status = response.statusCode;
    const result = { url: url.href, status, headers, contentType: mediaType, body: "" };
    if (status < 200 || status > 299 || status === 204 || status === 205) return result;
    if (!acceptsMediaType(request.accept, mediaType)) {
      const what = mediaType === "" ? "no content type" : mediaType;
      throw new FetchStop("unsupported-content", `${what}, not ${request.accept.join(" or ")}`);
    }
    const codings = parseContentEncoding(headers["content-encoding"]);
    const declared = Number(headers["content-length"] ?? 0);
    if (codings.length === 0 && declared > settings.maxBytes) {
      throw new FetchStop("too-large", `content-length ${declared} is over ${settings.maxBytes}`);
    }
    const bytes = await readBody(response.body, codings, settings.maxBytes, signal);
    return { ...result, body: decodeText(bytes, mediaType, charset) };
  } finally {
    discardBody(response.body);
  }
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function describeFailure(error: unknown, deadline: Deadline, timeoutMs: number): FetchFailure {
  const stop = findFetchStop(error);
  if (stop !== undefined) return stop.failure;
  const reason = deadline.reason();
  if (reason === "timeout") {
    return { kind: "timeout", detail: `no complete response within ${timeoutMs} ms` };
  }
  if (reason === "aborted") return { kind: "network", detail: "aborted by the caller" };
  return { kind: "network", detail: describeError(error) };
}
