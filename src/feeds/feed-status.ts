import type { FollowedFeed } from "./feed-store.ts";

/** What `/iranpak sources`, the App Home tab and `npm run feeds -- list` say about one feed. */
export interface FeedStatus {
  url: string;
  /** Where a permanent redirect moved it: polled there from now on. */
  movedTo?: string;
  title?: string;
  source: FollowedFeed["source"];
  /** ISO 8601 instants. */
  lastSuccessAt?: string;
  itemsAdded: number;
  /** The last failure in plain words, while the feed is failing. */
  lastError?: string;
  lastErrorAt?: string;
  nextPollAt: string;
  /** Failures in a row. */
  failing: number;
}

export function describeFeed(feed: FollowedFeed): FeedStatus {
  const { state } = feed;
  return {
    url: feed.url,
    ...(state.url === feed.url ? {} : { movedTo: state.url }),
    ...(state.title === undefined ? {} : { title: state.title }),
    source: feed.source,
    ...(state.lastSuccessAt === undefined ? {} : { lastSuccessAt: state.lastSuccessAt }),
    itemsAdded: state.itemsAdded,
    ...(state.lastError === undefined ? {} : { lastError: state.lastError }),
    ...(state.lastErrorAt === undefined ? {} : { lastErrorAt: state.lastErrorAt }),
    nextPollAt: state.nextPollAt,
    failing: state.consecutiveFailures,
  };
}

/** An instant as people read it in a status line: `2026-12-07 09:30 UTC`. */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** One feed's status as plain-text lines (the console and the command line). */
export function formatFeedStatusText(status: FeedStatus): string[] {
  const name = status.title === undefined ? status.url : `${status.title} (${status.url})`;
  return [
    `${name}${status.source === "config" ? " [FEEDS]" : ""}`,
    ...(status.movedTo === undefined ? [] : [`  moved for good to ${status.movedTo}`]),
    `  last successful poll: ${status.lastSuccessAt === undefined ? "never" : formatInstant(status.lastSuccessAt)}; items added: ${status.itemsAdded}`,
    ...(status.lastError === undefined
      ? []
      : [`  failing (${status.failing} in a row): ${status.lastError}`]),
    `  next poll: ${formatInstant(status.nextPollAt)}`,
  ];
}
