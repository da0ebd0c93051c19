/**
 * The contract between what brings articles in (`/iranpak add`, the message shortcut,
 * `npm run add`, feeds) and the one pipeline that adds them: fetch, extract, de-duplicate, store.
 * Fixed before either side was written, so that feeds and hand adds share one way in.
 */

/** Who or what brought an article in; user ids only as salted hashes. */
export type ArticleOrigin =
  | { kind: "hand"; addedBy: string }
  | { kind: "slack-message"; addedBy: string; permalink: string }
  | { kind: "feed"; feedUrl: string; guid?: string };

/** An article's text when the source carries it whole (a feed item, a Slack message): no fetch. */
export interface CarriedContent {
  title?: string;
  publisher?: string;
  author?: string;
  /** ISO date. */
  published?: string;
  paragraphs: readonly string[];
}

export interface AddRequest {
  /** The article's address as given; normalised by the pipeline. */
  url: string;
  origin: ArticleOrigin;
  /** When present, used instead of fetching `url`. */
  content?: CarriedContent;
}

/** What a reply says about an article in the knowledge. */
export interface AddedArticleSummary {
  id: string;
  title: string;
  publisher: string;
  /** ISO date. */
  published?: string;
  url: string;
  paragraphs: number;
  /** Facts extracted from it. */
  facts: number;
  /** ISO date-time. */
  addedAt: string;
}

export type AddOutcome =
  | { kind: "added"; article: AddedArticleSummary }
  /** Already in the knowledge: the same address, the same text, or the same story elsewhere. */
  | {
      kind: "duplicate";
      how: "same-url" | "same-text" | "near-duplicate";
      of: AddedArticleSummary;
      /** A near-duplicate's own publisher, now recorded as also publishing `of`. */
      alsoPublishedBy?: string;
    }
  /** Removed by an editor before: never added again automatically. */
  | { kind: "removed-before"; url: string }
  /** Not added: `reason` is one plain sentence for people; `detail` is for the log only. */
  | { kind: "refused"; reason: string; detail: string };

/** Adds one article; never throws for a bad page, address or store fault: it refuses instead. */
export type AddArticle = (request: AddRequest, signal?: AbortSignal) => Promise<AddOutcome>;
