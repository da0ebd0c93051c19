import { describeFeed } from "../feeds/feed-status.ts";
import { followFeed, unfollowFeed } from "../feeds/follow.ts";
import { within } from "../util/within.ts";
import { DEFAULT_SLACK_DEPS, type SlackDeps } from "./deps.ts";
import { readInTime } from "./read-in-time.ts";
import type { SlackMessage } from "./render/blocks.ts";
import { renderFeeds } from "./render/feeds-blocks.ts";
import { renderNotice } from "./render/notice-blocks.ts";
import { unreadLine } from "./render/unread.ts";
import { isListedOrAdmin } from "./workspace-admins.ts";

const FEEDS_OFF = "Feeds are not followed by this bot.";

/** Whether `user` may change the feeds: KNOWLEDGE_EDITORS, or workspace admins when it is empty. */
export function mayEditKnowledge(deps: SlackDeps, user: string): Promise<boolean> {
  return isListedOrAdmin(deps.feeds?.editors ?? [], user, deps.isWorkspaceAdmin);
}

/** `/iranpak feeds`: the followed feeds with their last poll, items added, errors, next try. */
export async function feedsMessage(deps: SlackDeps): Promise<SlackMessage> {
  const { feeds } = deps;
  if (feeds === undefined) return renderNotice(FEEDS_OFF);
  const what = "the followed feeds";
  const followed = await readInTime(deps, "needed", () => feeds.store.list(), what);
  return followed === undefined
    ? renderNotice(unreadLine([what]))
    : renderFeeds(followed.map(describeFeed));
}

/** `/iranpak feeds add <url>` and `remove <url>`, for knowledge editors. */
export async function changeFeeds(
  deps: SlackDeps,
  where: { user: string },
  change: "add" | "remove",
  text: string,
): Promise<SlackMessage> {
  const feeds = deps.feeds;
  if (feeds === undefined) return renderNotice(FEEDS_OFF);
  if (!(await mayEditKnowledge(deps, where.user))) {
    const who = feeds.editors.length > 0 ? "the people in KNOWLEDGE_EDITORS" : "workspace admins";
    return renderNotice(`Only ${who} can ${change} feeds.`);
  }
  const now = deps.now?.() ?? new Date();
  // Past this the change fails like any other: the person is told to try again.
  const wait = (deps.storeWaitMs ?? DEFAULT_SLACK_DEPS.storeWaitMs).needed;
  const result = await within(
    change === "add"
      ? followFeed(feeds.store, text, { addedBy: deps.hashUser(where.user), now })
      : unfollowFeed(feeds.store, text),
    wait,
    `${change === "add" ? "following" : "unfollowing"} a feed`,
  );
  if (result.changed) deps.logger.info(`feeds ${change}: ${result.url}`);
  return renderNotice(result.message);
}
