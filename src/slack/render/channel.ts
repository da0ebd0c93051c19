import { escapeMrkdwn } from "./mrkdwn.ts";

/** Public (`C…`) and private (`G…`) channels can get a digest; DMs (`D…`) cannot. */
export function isChannelId(id: string): boolean {
  return /^[CG][A-Z0-9]{2,}$/.test(id);
}

/** A channel as mrkdwn: a link for a real channel id, escaped text for anything else. */
export function channelMrkdwn(id: string): string {
  return isChannelId(id) ? `<#${id}>` : escapeMrkdwn(id);
}
