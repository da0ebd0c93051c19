/**
 * The floor for the end-to-end bench: a Bolt app with the bot's receiver (HTTPReceiver on the
 * same path) that acks every `/iranpak` with fixed text. Configured like the bot, from
 * SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL and PORT.
 */
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { EVENTS_PATH } from "../src/slack/app.ts";

/** The text the bare app acks with. */
export const BARE_ACK_TEXT = "Thanks, noted.";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bench/bare-app.ts: ${name} is not set`);
  return value;
}

const app = new App({
  token: required("SLACK_BOT_TOKEN"),
  receiver: new HTTPReceiver({
    signingSecret: required("SLACK_SIGNING_SECRET"),
    endpoints: EVENTS_PATH,
    logLevel: LogLevel.ERROR,
  }),
  clientOptions: { slackApiUrl: required("SLACK_API_URL") },
  logLevel: LogLevel.ERROR,
});
app.command("/iranpak", async ({ ack }) => {
  await ack(BARE_ACK_TEXT);
});
await app.start(Number(required("PORT")));
process.once("SIGTERM", () => {
  void app.stop().then(() => process.exit(0));
});
