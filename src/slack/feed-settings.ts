import { describeFeed } from "../feeds/feed-status.ts";
import { followFeed, unfollowFeed } from "../feeds/follow.ts";
import type { SlackDeps } from "./deps.ts";
import type { SlackMessage } from "./render/blocks.ts";
import { renderFeeds } from "./render/feeds-blocks.ts";
import { renderNotice } from "./render/notice-blocks.ts";
import { isListedOrAdmin } from "./workspace-admins.ts";

const FEEDS_OFF = "Feeds are not followed by this bot.";

/** Whether `user` may change the feeds: KNOWLEDGE_EDITORS, or workspace admins when it is empty. */
export function mayEditKnowledge(deps: SlackDeps, user: string): Promise<boolean> {
  return isListedOrAdmin(deps.feeds?.editors ?? [], user, deps.isWorkspaceAdmin);
}

/** `/iranpak feeds`: the followed feeds with their last poll, items added, errors, next try. */
export async function feedsMessage(deps: SlackDeps): Promise<SlackMessage> {
  if (deps.feeds === undefined) return renderNotice(FEEDS_OFF);
  return renderFeeds((await deps.feeds.store.list()).map(describeFeed));
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
  const result =
    change === "add"
      ? await followFeed(feeds.store, text, { addedBy: deps.hashUser(where.user), now })
      : await unfollowFeed(feeds.store, text);
  if (result.changed) deps.logger.info(`feeds ${change}: ${result.url}`);
  return renderNotice(result.message);
}
