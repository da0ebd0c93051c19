import { createHash } from "node:crypto";
import type { FeedItem } from "./types.ts";

/** Keys longer than this are kept as a hash, so a feed's seen list stays small. */
const MAX_RAW_KEY_CHARS = 200;

/**
 * How an item is recognised across polls: its GUID, else its link, else its title. None of
 * these is shared across feeds' de-duplication: the same story in two feeds is two items here,
 * and the store decides it is one article.
 */
export function itemKey(item: FeedItem): string | undefined {
  const key =
    item.guid !== undefined
      ? `guid:${item.guid}`
      : item.link !== undefined
        ? `link:${item.link}`
        : item.title !== undefined
          ? `title:${item.title}`
          : undefined;
  if (key === undefined || key.length <= MAX_RAW_KEY_CHARS) return key;
  return `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

export interface ChooseItemsInput {
  /** The feed's items in its own order. */
  items: readonly FeedItem[];
  /** Keys already seen (`FeedState.seen`). */
  seen: readonly string[];
  /** False for a feed never read before: then only its newest items come, not its archive. */
  primed: boolean;
  /** How many items a feed never read before brings. */
  newFeedItems: number;
  /** How many keys to remember. */
  maxSeenKeys: number;
}

export interface ChosenItems {
  /** Newest first. */
  newItems: FeedItem[];
  /** The keys to remember: this document's first, then older ones, at most `maxSeenKeys`. */
  seen: string[];
}

/**
 * The items to hand on from one read of a feed. Every item of the document is remembered,
 * chosen or not, so a new feed's archive never trickles in on later polls.
 */
export function chooseItems(input: ChooseItemsInput): ChosenItems {
  const seenBefore = new Set(input.seen);
  const keyed = uniqueByKey(input.items);
  const unseen = keyed.filter(({ key }) => !seenBefore.has(key)).map(({ item }) => item);
  const newest = sortNewestFirst(unseen);
  const newItems = input.primed ? newest : newest.slice(0, Math.max(0, input.newFeedItems));
  const documentKeys = keyed.map(({ key }) => key);
  const documentKeySet = new Set(documentKeys);
  const older = input.seen.filter((key) => !documentKeySet.has(key));
  return { newItems, seen: [...documentKeys, ...older].slice(0, input.maxSeenKeys) };
}

function uniqueByKey(items: readonly FeedItem[]): { item: FeedItem; key: string }[] {
  const keys = new Set<string>();
  const keyed: { item: FeedItem; key: string }[] = [];
  for (const item of items) {
    const key = itemKey(item);
    if (key === undefined || keys.has(key)) continue;
    keys.add(key);
    keyed.push({ item, key });
  }
  return keyed;
}

/**
 * Newest first by date when every item has one; otherwise the feed's own order, which by
 * convention is newest first (a date on some items only cannot place the others).
 */
export function sortNewestFirst(items: readonly FeedItem[]): FeedItem[] {
  const times = items.map((item) =>
    item.published === undefined ? Number.NaN : Date.parse(item.published),
  );
  if (times.some((time) => Number.isNaN(time))) return [...items];
  return items
    .map((item, index) => ({ item, index, time: times[index] ?? 0 }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map(({ item }) => item);
}
