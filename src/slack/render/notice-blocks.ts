import { type SlackMessage, section } from "./blocks.ts";
import { fitMessage } from "./limits.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

/** A one-line message (plain text, escaped here), for "not configured" and "try again" replies. */
export function renderNotice(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return fitMessage({ text: escaped, blocks: [section(escaped)] });
}
