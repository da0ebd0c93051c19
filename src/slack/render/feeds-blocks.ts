import { type FeedStatus, formatInstant } from "../../feeds/feed-status.ts";
import { type SlackMessage, section } from "./blocks.ts";
import { count } from "./count.ts";
import { fitMessage, packLines } from "./limits.ts";
import { escapeMrkdwn, linkMrkdwn } from "./mrkdwn.ts";

/** The heading of the feeds list: how many, and how many are failing. */
export function feedsHeading(statuses: readonly FeedStatus[]): string {
  const failing = statuses.filter((s) => s.lastError !== undefined).length;
  return `*${count(statuses.length, "feed")} followed${failing > 0 ? `, ${failing} failing` : ""}*`;
}

/**
 * One line per feed: its name linked, last successful poll, items added, the last error in
 * plain words while it fails, and the next try. Everything from the feed is escaped.
 */
export function feedLines(statuses: readonly FeedStatus[]): string[] {
  if (statuses.length === 0) {
    return ["_No feeds are followed. Set FEEDS, or use `/iranpak feeds add <url>`._"];
  }
  return statuses.map((s) => {
    const last =
      s.lastSuccessAt === undefined ? "never polled" : `polled ${formatInstant(s.lastSuccessAt)}`;
    const error =
      s.lastError === undefined
        ? ""
        : ` · :warning: ${escapeMrkdwn(s.lastError)} (${count(s.failing, "failure")} in a row)`;
    const from = s.source === "config" ? " · from FEEDS" : "";
    const moved =
      s.movedTo === undefined ? "" : ` · moved for good to ${linkMrkdwn(s.movedTo, s.movedTo)}`;
    return `• *${linkMrkdwn(s.url, s.title ?? s.url)}*: ${last} · ${count(s.itemsAdded, "item")} added${error} · next try ${formatInstant(s.nextPollAt)}${moved}${from}`;
  });
}

/** `/iranpak feeds`: every followed feed and how it is doing. */
export function renderFeeds(statuses: readonly FeedStatus[]): SlackMessage {
  const heading = feedsHeading(statuses);
  return fitMessage({
    text: heading.replace(/\*/g, ""),
    blocks: packLines([heading, ...feedLines(statuses)]).map(section),
  });
}
