import { describeSchedule } from "../digest/describe-schedule.ts";
import { digestChannels } from "../digest/subscriptions.ts";
import { within } from "../util/within.ts";
import { DEFAULT_SLACK_DEPS, type SlackDeps } from "./deps.ts";
import { readInTime } from "./read-in-time.ts";
import { context, type SlackMessage } from "./render/blocks.ts";
import { channelMrkdwn, isChannelId } from "./render/channel.ts";
import { fitMessage } from "./render/limits.ts";
import { escapeMrkdwn } from "./render/mrkdwn.ts";
import { renderNotice } from "./render/notice-blocks.ts";
import { isListedOrAdmin } from "./workspace-admins.ts";

/** The channels that get the digest now: DIGEST_CHANNELS and those subscribed from Slack. */
export function currentDigestChannels(deps: SlackDeps): Promise<string[]> {
  return digestChannels(deps.digestSettings?.channels ?? [], deps.subscriptions);
}

/**
 * The digest's channels for an answer, which waits on the subscriptions no longer than
 * `storeWaitMs.optional`: undefined when they can't be read in time.
 */
export function digestChannelsForAnswer(deps: SlackDeps): Promise<string[] | undefined> {
  return readInTime(
    deps,
    "optional",
    () => currentDigestChannels(deps),
    "the digest's subscriptions",
  );
}

/**
 * "Posted at 09:00 UTC, every day, to #a, #b. This channel gets it." for `/iranpak digest`;
 * `channels` undefined: they could not be read.
 */
export function digestStatusText(
  deps: SlackDeps,
  channel: string,
  channels: readonly string[] | undefined,
): string {
  const settings = deps.digestSettings;
  const when =
    settings === undefined ? "" : ` at ${escapeMrkdwn(describeSchedule(settings.schedule))}`;
  if (channels === undefined) {
    return `The daily digest is posted${when}. Which channels get it can't be read just now: try again in a moment.`;
  }
  const where =
    channels.length === 0 ? "to no channel yet" : `to ${channels.map(channelMrkdwn).join(", ")}`;
  const here = channels.includes(channel)
    ? "This channel gets it."
    : isChannelId(channel)
      ? "This channel does not: a digest admin can add it with `/iranpak digest subscribe`."
      : "Run `/iranpak digest subscribe` in a channel to have it posted there.";
  return `The daily digest is posted${when} ${where}. ${here}`;
}

/** Whether `user` may subscribe channels: DIGEST_ADMINS, or workspace admins when it is empty. */
function mayManage(deps: SlackDeps, user: string): Promise<boolean> {
  return isListedOrAdmin(deps.digestSettings?.admins ?? [], user, deps.isWorkspaceAdmin);
}

/** `/iranpak digest subscribe` and `unsubscribe`, in the channel they are typed in. */
export async function changeSubscription(
  deps: SlackDeps,
  where: { user: string; channel: string },
  subscribe: boolean,
): Promise<SlackMessage> {
  const { user, channel } = where;
  const verb = subscribe ? "subscribe" : "unsubscribe";
  if (!isChannelId(channel)) {
    return renderNotice(
      `Digests go to channels: run /iranpak digest ${verb} in the channel itself.`,
    );
  }
  if (!(await mayManage(deps, user))) {
    const who =
      (deps.digestSettings?.admins.length ?? 0) > 0
        ? "the people in DIGEST_ADMINS"
        : "workspace admins";
    return renderNotice(`Only ${who} can ${verb} channels to the daily digest.`);
  }
  const base = deps.digestSettings?.channels ?? [];
  // Past this the change fails like any other: the person is told to try again.
  const wait = (deps.storeWaitMs ?? DEFAULT_SLACK_DEPS.storeWaitMs).needed;
  let text: string;
  if (subscribe) {
    const added = await within(deps.subscriptions.add(channel), wait, "subscribing");
    text =
      added || !base.includes(channel)
        ? `This channel now gets the daily digest${added ? "" : " (it already did)"}. Invite @iranpak here if it isn't yet: it can only post where it is a member.`
        : "This channel already gets the daily digest (it is in DIGEST_CHANNELS).";
  } else {
    const removed = await within(deps.subscriptions.remove(channel), wait, "unsubscribing");
    text = base.includes(channel)
      ? "This channel is in DIGEST_CHANNELS, which is set where the bot runs: remove it there to stop the digest here."
      : removed
        ? "This channel no longer gets the daily digest."
        : "This channel was not subscribed to the daily digest.";
  }
  deps.logger.info(`digest ${verb} in ${channel}: ${text}`);
  return fitMessage({ text: escapeMrkdwn(text), blocks: [context(escapeMrkdwn(text))] });
}
