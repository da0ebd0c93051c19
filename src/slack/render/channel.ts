import { escapeMrkdwn } from "./mrkdwn.ts";

/**
 * Public (`C…`) and private (`G…`) channels can get a digest; DMs (`D…`) cannot. Slack's ids
 * are a letter and upper-case letters and digits, 9 to 11 characters today: 24 leaves room for
 * growth and refuses a forged id of thousands.
 */
export function isChannelId(id: string): boolean {
  return /^[CG][A-Z0-9]{2,23}$/.test(id);
}

/** A channel as mrkdwn: a link for a real channel id, escaped text for anything else. */
export function channelMrkdwn(id: string): string {
  return isChannelId(id) ? `<#${id}>` : escapeMrkdwn(id);
}
