import type { MessageShortcut, webApi } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { addOne, linksIn, renderReplies } from "../../knowledge-edits.ts";
import { readSlackText } from "../../render/mrkdwn.ts";
import { NO_UNFURL, safely } from "../../replies.ts";
import type { Router } from "../router.ts";
import { withoutPings } from "./index.ts";

/** The message shortcut's callback id, as manifest.yml declares it. */
export const SHORTCUT_ADD_MESSAGE = "iranpak_add_message";

/** Links added from one message at most: a message is not a way around the rate limit. */
export const MAX_LINKS_PER_MESSAGE = 5;

export const ADD_NOTICES = {
  notPublic:
    "Only messages in public channels can become knowledge: this one is in a private channel or a direct message, so nothing was added.",
  noText: "That message has no link or text to add.",
  cannotCheck: "I couldn't check that this channel is public, so nothing was added.",
} as const;

/**
 * "Add to iranpak knowledge": adds every link in the message (at most 5); a message without
 * links becomes a short article of its own text, cited by its permalink, but only from a
 * public channel: nothing from a DM or private channel ever becomes shared knowledge. The
 * replies go only to the person who used it.
 */
export function registerAddToKnowledge(router: Router, deps: SlackDeps): void {
  router.messageShortcut(SHORTCUT_ADD_MESSAGE, async ({ ack, shortcut, respond, client }) => {
    await ack();
    const channel = shortcut.channel.id;
    const message = await safely(deps, `shortcut ${SHORTCUT_ADD_MESSAGE} in ${channel}`, async () =>
      renderReplies(await addFromMessage(deps, client, shortcut)),
    );
    await respond({
      response_type: "ephemeral",
      replace_original: false,
      ...message,
      ...NO_UNFURL,
    });
  });
}

async function addFromMessage(
  deps: SlackDeps,
  client: webApi.WebClient,
  shortcut: MessageShortcut,
): Promise<string[]> {
  const user = shortcut.user.id;
  const text = shortcut.message.text ?? "";
  const links = linksIn(text).slice(0, MAX_LINKS_PER_MESSAGE);
  if (links.length > 0) {
    const replies: string[] = [];
    for (const url of links) replies.push(`${url}: ${await addOne(deps, user, { url })}`);
    return replies;
  }
  const paragraphs = readSlackText(withoutPings(text))
    .split(/\n\s*\n|\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");
  if (paragraphs.length === 0) return [ADD_NOTICES.noText];
  const channel = await channelInfo(client, shortcut.channel.id);
  if (channel === undefined) return [ADD_NOTICES.cannotCheck];
  if (!channel.isPublic) return [ADD_NOTICES.notPublic];
  const permalink = await client.chat.getPermalink({
    channel: shortcut.channel.id,
    message_ts: shortcut.message.ts,
  });
  if (permalink.permalink === undefined) return [ADD_NOTICES.cannotCheck];
  return [
    await addOne(deps, user, {
      url: permalink.permalink,
      origin: {
        kind: "slack-message",
        addedBy: deps.hashUser(user),
        permalink: permalink.permalink,
      },
      content: {
        publisher: `Slack #${channel.name}`,
        published: new Date(Number(shortcut.message.ts) * 1000).toISOString().slice(0, 10),
        paragraphs,
      },
    }),
  ];
}

/**
 * Whether the channel is public, as conversations.info says (the channels:read scope). A failed
 * call is undefined: nothing is added when it can't be checked.
 */
async function channelInfo(
  client: webApi.WebClient,
  channel: string,
): Promise<{ isPublic: boolean; name: string } | undefined> {
  try {
    const info = await client.conversations.info({ channel });
    const c = info.channel;
    if (c === undefined) return undefined;
    const isPublic =
      c.is_channel === true && c.is_private !== true && c.is_im !== true && c.is_mpim !== true;
    return { isPublic, name: c.name ?? channel };
  } catch {
    return undefined;
  }
}
