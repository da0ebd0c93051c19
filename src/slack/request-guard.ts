/**
 * A check in front of Bolt's HTTP receiver: a signed request whose body is not an object (JSON
 * `null`, `payload=null`, an array, a number) gets 400 here, before Bolt reads `body.ssl_check`
 * from it and dies with a TypeError the process cannot catch (the receiver handles each request
 * in a promise nobody awaits). And a request whose timestamp is more than five minutes from now
 * either way gets 401: Bolt refuses only the stale ones, so a request signed ahead of time (a
 * captured signature held back, or a clock set wrong) would be answered for as long as it lasts.
 *
 * The guard checks the signature too, and Bolt's receiver is made without its own check
 * (`signatureVerification: false`): Bolt compares signatures with tsscmp, which draws random
 * bytes and computes two more HMACs for every request (about 40 µs of a slash command's CPU,
 * measured); `timingSafeEqual` compares in constant time as well.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { parse as parseForm } from "node:querystring";
import { HTTPModuleFunctions } from "@slack/bolt";
import type { Logger } from "../log/logger.ts";

/** The content type whose body Bolt reads as form fields, a `payload` field holding JSON. */
const FORM = "application/x-www-form-urlencoded";
/**
 * A field name that says `payload` or `ssl_check`, or has a percent escape (which could spell
 * either): only such a field makes Bolt read JSON out of a form, or a form an SSL check.
 */
const MAY_NAME_A_FIELD_READ = /(?:^|&)[^=&]*(?:payload|ssl_check|%)/;

/** What Slack's SSL check is answered from: nothing else it carries reaches Bolt (Bolt's rule). */
const SSL_CHECK_BODY = "ssl_check=1";

/** How far a request's timestamp may be from now, either way: Slack's own five minutes. */
const MAX_CLOCK_SKEW_S = 5 * 60;

export interface RequestGuardOptions {
  /** The path Slack posts to (`/slack/events`); other requests go straight to Bolt. */
  path: string;
  /** Every request to `path` but Slack's SSL check must be signed with it. */
  signingSecret: string;
  logger: Logger;
  /** Largest body read, in bytes. Default: Bolt's (4 MB). */
  bodyLimit?: number;
}

/**
 * Wraps Bolt's request listener (HTTPReceiver's `requestListener`, made with
 * `signatureVerification: false`) with the check.
 */
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
        const text = buffered.rawBody.toString();
        const fields = formFieldsRead(buffered, text);
        // Slack does not sign its SSL check: Bolt answers it from the check alone.
        if (fields?.ssl_check === "1") {
          buffered.rawBody = Buffer.from(SSL_CHECK_BODY);
          return bolt(buffered, res);
        }
        if (!isSigned(buffered, text, options.signingSecret)) {
          logger.warn(`refused an unsigned or badly signed request to ${path}`);
          return reply(res, 401);
        }
        const problem = bodyProblem(buffered, text, fields);
        // Bolt reuses the body read here and handles everything else.
        if (problem === undefined) return bolt(buffered, res);
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
 * A form's fields, parsed as Bolt parses them, when one of their names may be `payload` or
 * `ssl_check`; undefined for any other form or a body that is not a form. Bolt parses the body
 * again: a form whose names cannot spell either is an object without parsing it twice (every
 * slash command: the parse was 1-2% of answering one).
 */
function formFieldsRead(req: IncomingMessage, text: string) {
  if (req.headers["content-type"] !== FORM || !MAY_NAME_A_FIELD_READ.test(text)) return undefined;
  return parseForm(text);
}

/**
 * Why Bolt could not handle the body, or undefined when it is an object Bolt can dispatch. The
 * body is parsed exactly as Bolt parses it (form fields, a `payload` field holding JSON, or JSON).
 */
function bodyProblem(
  req: IncomingMessage,
  text: string,
  fields: ReturnType<typeof parseForm> | undefined,
): string | undefined {
  const form = req.headers["content-type"] === FORM;
  if (form && fields === undefined) return undefined;
  let body: unknown;
  try {
    body = fields === undefined ? JSON.parse(text) : formBody(fields);
  } catch {
    return "not valid JSON";
  }
  if (body === null) return "null, not an object";
  if (Array.isArray(body)) return "an array, not an object";
  if (typeof body !== "object") return `a ${typeof body}, not an object`;
  return undefined;
}

/** A form as Bolt reads it: the JSON of its `payload` field, when it has one, or its fields. */
function formBody(fields: ReturnType<typeof parseForm>): unknown {
  const { payload } = fields;
  return typeof payload === "string" ? JSON.parse(payload) : fields;
}

/**
 * Whether the request carries Slack's v0 signature of `text` (the body, read as Bolt reads it)
 * with `signingSecret`: HMAC-SHA256 over `v0:<timestamp>:<body>`, compared in constant time.
 * Headers are read as Bolt reads them: one string each, the timestamp a number.
 */
function isSigned(req: IncomingMessage, text: string, signingSecret: string): boolean {
  const signature = req.headers["x-slack-signature"];
  const sent = req.headers["x-slack-request-timestamp"];
  const timestamp = Number(sent);
  if (typeof signature !== "string" || typeof sent !== "string" || Number.isNaN(timestamp)) {
    return false;
  }
  const [version, hash] = signature.split("=");
  if (version !== "v0" || !hash) return false;
  const ours = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${text}`).digest("hex");
  const theirs = Buffer.from(hash);
  return theirs.length === ours.length && timingSafeEqual(theirs, Buffer.from(ours));
}

/**
 * Why the request's timestamp is out of bounds (`3600 s ahead`), or undefined when it is within
 * five minutes of now. A missing or unreadable one is left to the signature check, which refuses
 * it.
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
