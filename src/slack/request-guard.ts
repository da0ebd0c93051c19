/**
 * A check in front of Bolt's HTTP receiver: a signed request whose body is not an object (JSON
 * `null`, `payload=null`, an array, a number) gets 400 here, before Bolt reads `body.ssl_check`
 * from it and dies with a TypeError the process cannot catch (the receiver handles each request
 * in a promise nobody awaits).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import {
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  isValidSlackRequest,
} from "@slack/bolt";
import type { Logger } from "../log/logger.ts";

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
    if (req.method !== "POST" || pathOf(req) !== path) return bolt(req, res);
    HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit)
      .then((buffered) => {
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

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? "/", "http://localhost").pathname;
}

function reply(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
