/**
 * The example Slack payloads in ../shared/slack/payloads, with their hooks.slack.com response
 * URLs swapped for the stand-in's, and small builders for variations on them.
 */
import { readFileSync } from "node:fs";

const dir = new URL("../../../shared/slack/payloads/", import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, dir), "utf8")) as T;

export type Fields = Record<string, string>;
export type Json = Record<string, unknown>;

export const slashCommandFields = (): Fields => read("slash_command.fields.json");
export const appMentionCallback = (): Json => read("app_mention.event_callback.json");
export const blockActions = (): Json => read("block_actions.json");
export const urlVerification = (): Json => read("url_verification.json");
export const socketModeEnvelopes = (): Record<string, Json> => read("socket_mode_envelopes.json");

let counter = 0;
/** A fresh id, for event ids, channels and response urls that no other test shares. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}${String(counter).padStart(4, "0")}`;
}

/** An event callback around `event`, based on the app_mention example. */
export function eventCallback(event: Json, eventId = uniqueId("Ev0TEST")): Json {
  return { ...appMentionCallback(), event, event_id: eventId };
}

/** A direct message event as Slack sends it for `message.im`. */
export function directMessage(text: string, over: Json = {}): Json {
  return {
    type: "message",
    channel_type: "im",
    channel: uniqueId("D0TEST"),
    user: "U05LM8N2PQR",
    text,
    ts: "1732610200.000100",
    event_ts: "1732610200.000100",
    ...over,
  };
}

/** A block_actions payload for one button click, based on the example. */
export function buttonClick(options: {
  actionId: string;
  value: string;
  responseUrl: string;
  ephemeral?: boolean;
}): Json {
  const body = blockActions();
  const action = (body.actions as Json[])[0];
  return {
    ...body,
    response_url: options.responseUrl,
    container: { ...(body.container as Json), is_ephemeral: options.ephemeral ?? true },
    actions: [{ ...action, action_id: options.actionId, value: options.value }],
  };
}
