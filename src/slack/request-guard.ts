/**
 * A check in front of Bolt's HTTP receiver: a signed request whose body is not an object (JSON
 * `null`, `payload=null`, an array, a number) gets 400 here, before Bolt reads `body.ssl_check`
 * from it and dies with a TypeError the process cannot catch (the receiver handles each request
 * in a promise nobody awaits). And a request whose timestamp is more than five minutes from now
 * either way gets 401: Bolt refuses only the stale ones, so a request signed ahead of time (a
 * captured signature held back, or a clock set wrong) would be answered for as long as it lasts.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import {
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  isValidSlackRequest,
} from "@slack/bolt";
import type { Logger } from "../log/logger.ts";

/** The content type whose body Bolt reads as form fields, a `payload` field holding JSON. */
const FORM = "application/x-www-form-urlencoded";
/**
 * A field name that says `payload` or has a percent escape (which could spell it): only such a
 * field makes Bolt read JSON out of a form.
 */
const MAY_NAME_PAYLOAD = /(?:^|&)[^=&]*(?:payload|%)/;

/** How far a request's timestamp may be from now, either way: Slack's own five minutes. */
const MAX_CLOCK_SKEW_S = 5 * 60;

export interface RequestGuardOptions {
  /** The path Slack posts to (`/slack/events`); other requests go straight to Bolt. */
  path: string;
  signingSecret: string;
  logger: Logger;
  /** Largest body read, in bytes. Default: Bolt's (4 MB). */
  bodyLimit?: number;
}

/** Wraps Bolt's request listener (HTTPReceiver's `requestListener`) with the check. */
export function guardEventsEndpoint(
  bolt: RequestListener,
  options: RequestGuardOptions,
): RequestListener {
  const { path, logger, bodyLimit = HTTPModuleFunctions.defaultBodyLimit } = options;
  return (req, res) => {
    if (req.method !== "POST" || pathOf(req, path) !== path) return bolt(req, res);
    HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit)
      .then((buffered) => {
        const skew = timestampSkew(buffered);
        if (skew !== undefined) {
          logger.warn(`refused a request to ${path}: its timestamp is ${skew}`);
          return reply(res, 401);
        }
        const problem = bodyProblem(buffered);
        // Bolt reuses the body read here, checks the signature and handles everything else.
        if (problem === undefined) return bolt(buffered, res);
        if (!isSigned(buffered, options.signingSecret)) {
          logger.warn(`refused an unsigned or badly signed request to ${path}`);
          return reply(res, 401);
        }
        logger.warn(`refused a signed request to ${path}: its body is ${problem}`);
        return reply(res, 400);
      })
      .catch((error: unknown) => {
        const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
        logger.warn(
          tooLarge
            ? `refused a request to ${path}: its body is over ${bodyLimit} bytes`
            : `could not read a request to ${path}: ${error instanceof Error ? error.message : String(error)}`,
        );
        reply(res, tooLarge ? 413 : 400);
      });
  };
}

/**
 * Why Bolt could not handle the body, or undefined when it is an object Bolt can dispatch. The
 * body is parsed exactly as Bolt parses it (form fields, a `payload` field holding JSON, or JSON).
 */
export function bodyProblem(req: BufferedIncomingMessage): string | undefined {
  // Bolt parses the body again: a form whose field names cannot spell `payload` is an object
  // without parsing it twice (every slash command: the parse was 1-2% of answering one).
  if (req.headers["content-type"] === FORM && !MAY_NAME_PAYLOAD.test(req.rawBody.toString())) {
    return undefined;
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch {
    return "not valid JSON";
  }
  if (body === null) return "null, not an object";
  if (Array.isArray(body)) return "an array, not an object";
  if (typeof body !== "object") return `a ${typeof body}, not an object`;
  return undefined;
}

function isSigned(req: BufferedIncomingMessage, signingSecret: string) {
  return isValidSlackRequest({
    signingSecret,
    body: req.rawBody.toString(),
    headers: {
      "x-slack-signature": String(req.headers["x-slack-signature"]),
      "x-slack-request-timestamp": Number(req.headers["x-slack-request-timestamp"]),
    },
  });
}

/**
 * Why the request's timestamp is out of bounds (`3600 s ahead`), or undefined when it is within
 * five minutes of now. A missing or unreadable one is left to Bolt, which refuses it.
 */
function timestampSkew(req: IncomingMessage, nowMs = Date.now()): string | undefined {
  const timestamp = Number(req.headers["x-slack-request-timestamp"]);
  if (!Number.isFinite(timestamp)) return undefined;
  const offset = Math.round(timestamp - nowMs / 1000);
  if (Math.abs(offset) <= MAX_CLOCK_SKEW_S) return undefined;
  return offset > 0 ? `${offset} s ahead` : `${-offset} s old`;
}

/** The request's path, as Bolt's receiver reads it (a URL per request was 1% of an answer's CPU). */
function pathOf(req: IncomingMessage, path: string): string {
  if (req.url === path) return path;
  return new URL(req.url ?? "/", "http://localhost").pathname;
}

function reply(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
