/**
 * A check in front of the Socket Mode client's frame handler. The client reads
 * `frame.payload.event.type` without looking, and emits each frame's `type` as an event name
 * (`close`, `error`, `ws_message` included); a malformed frame made it throw inside a promise
 * nobody awaits, and that stopped the process.
 */
import type { SocketModeReceiver } from "@slack/bolt";
import type { Logger } from "../log/logger.ts";

type SocketModeClient = SocketModeReceiver["client"];

/** The envelope types Slack sends (besides `hello` and `disconnect`, which carry no envelope). */
const ENVELOPE_TYPES = new Set(["events_api", "slash_commands", "interactive"]);
const CONTROL_TYPES = new Set(["hello", "disconnect"]);

/**
 * What a malformed envelope becomes: an envelope of a type nothing listens to, with an empty
 * payload. The client acks it through its usual path, so Slack does not send it again.
 */
export const MALFORMED_ENVELOPE_TYPE = "iranpak_malformed_envelope";

/** Replaces the client's `ws_message` handler with the check in front of it. */
export function guardSocketFrames(client: SocketModeClient, logger: Logger): void {
  const handlers = client.listeners("ws_message") as ((
    data: unknown,
    binary: boolean,
  ) => unknown)[];
  client.removeAllListeners("ws_message");
  client.on("ws_message", (data: unknown, isBinary: boolean) => {
    const frame = isBinary ? data : checkFrame(data, logger);
    if (frame === undefined) return;
    for (const handle of handlers) {
      Promise.resolve()
        .then(() => handle.call(client, frame, isBinary))
        .catch((error: unknown) => {
          logger.error(
            `a Socket Mode frame could not be handled: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
    }
  });
}

/**
 * The frame to hand to the client: as it came when it is well formed (or not JSON, which the
 * client ignores by itself), rewritten to a harmless envelope when it has an envelope id to ack,
 * undefined when it should be dropped.
 */
export function checkFrame(data: unknown, logger: Logger): unknown {
  const text = typeof data === "string" ? data : Buffer.from(data as Uint8Array).toString("utf8");
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return data;
  }
  const problem = frameProblem(frame);
  if (problem === undefined) return data;
  const id = (frame as { envelope_id?: unknown } | null)?.envelope_id;
  if (typeof id !== "string") {
    logger.warn(`dropped a Socket Mode frame: ${problem}`);
    return undefined;
  }
  logger.warn(`acknowledged a malformed Socket Mode envelope ${id}: ${problem}`);
  return JSON.stringify({ type: MALFORMED_ENVELOPE_TYPE, envelope_id: id, payload: {} });
}

/** Why a parsed frame cannot be handed to the client as it is; undefined when it can. */
export function frameProblem(frame: unknown): string | undefined {
  if (!isObject(frame)) return "it is not an object";
  const { type, payload } = frame;
  if (typeof type !== "string") return "it has no type";
  if (CONTROL_TYPES.has(type)) return undefined;
  if (!ENVELOPE_TYPES.has(type)) return `its type ${JSON.stringify(type)} is not one Slack sends`;
  if (typeof frame.envelope_id !== "string") return "it has no envelope id";
  if (!isObject(payload)) return "its payload is not an object";
  if (
    type === "events_api" &&
    !(isObject(payload.event) && typeof payload.event.type === "string")
  ) {
    return "its payload has no event with a type";
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
