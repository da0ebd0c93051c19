import type { FeedStore } from "./feed-store.ts";

/** What `feeds add` and `feeds remove` did, as one sentence for the person who asked. */
export interface FollowChange {
  changed: boolean;
  /** The feed's address as understood, when the text held one. */
  url?: string;
  message: string;
}

/** The feed URL in a command's text: one http(s) address, normalised as the URL parser does. */
export function readFeedUrl(text: string): string | undefined {
  const words = text.trim().split(/\s+/);
  if (words.length !== 1 || words[0] === undefined) return undefined;
  try {
    const url = new URL(words[0].replace(/^<|>$/g, ""));
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const usage = (verb: string) =>
  `Give one feed address: /iranpak feeds ${verb} https://example.com/feed.xml`;

/** Follows the feed in `text` (`/iranpak feeds add`), added by `addedBy` (a salted hash). */
export async function followFeed(
  store: FeedStore,
  text: string,
  who: { addedBy?: string; now: Date },
): Promise<FollowChange> {
  const url = readFeedUrl(text);
  if (url === undefined) return { changed: false, message: usage("add") };
  const added = await store.add(
    { url, source: "command", ...(who.addedBy === undefined ? {} : { addedBy: who.addedBy }) },
    who.now,
  );
  return added
    ? {
        changed: true,
        url,
        message: `Following ${url}: its newest items come in with its first poll, within a minute.`,
      }
    : { changed: false, url, message: `${url} is already followed.` };
}

/** Stops following the feed in `text` (`/iranpak feeds remove`); FEEDS' own stay. */
export async function unfollowFeed(store: FeedStore, text: string): Promise<FollowChange> {
  const url = readFeedUrl(text);
  if (url === undefined) return { changed: false, message: usage("remove") };
  const followed = (await store.list()).find((f) => f.url === url);
  if (followed?.source === "config") {
    return {
      changed: false,
      url,
      message: `${url} is in FEEDS, which is set where the bot runs: remove it there to stop following it.`,
    };
  }
  return (await store.remove(url))
    ? {
        changed: true,
        url,
        message: `No longer following ${url}. The articles it brought stay in the knowledge.`,
      }
    : { changed: false, url, message: `${url} was not followed.` };
}
