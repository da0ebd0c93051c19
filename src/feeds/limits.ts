/** Bounds on the work one feed can cause, whatever its server sends. */
export interface FeedLimits {
  /** A longer feed body is refused before parsing (characters). */
  maxFeedChars: number;
  /** Items read from one feed document; the rest are ignored. */
  maxItemsRead: number;
  /** A feed seen for the first time brings at most this many of its newest items. */
  newFeedItems: number;
  /** HTML of one item read at most (characters); longer content is cut before parsing. */
  maxContentHtmlChars: number;
  /** Plain text kept of one item's content (characters). */
  maxContentChars: number;
  /** Title, author and other one-line fields (characters). */
  maxLineChars: number;
  /** Item keys remembered per feed. */
  maxSeenKeys: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = {
  maxFeedChars: 5_000_000,
  maxItemsRead: 500,
  newFeedItems: 20,
  maxContentHtmlChars: 500_000,
  maxContentChars: 200_000,
  maxLineChars: 500,
  maxSeenKeys: 1_000,
};

/** Tells a full article from a summary: both bounds must be met. */
export interface FullArticleThreshold {
  minParagraphs: number;
  minChars: number;
}

// A summary is a sentence or three in one paragraph; a news article runs to several
// paragraphs and well over a thousand characters.
export const DEFAULT_FULL_ARTICLE: FullArticleThreshold = { minParagraphs: 3, minChars: 800 };

/** Completes partial limits with the defaults. */
export function resolveFeedLimits(limits: Partial<FeedLimits> = {}): FeedLimits {
  return { ...DEFAULT_FEED_LIMITS, ...limits };
}
