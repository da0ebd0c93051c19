import type { AddedArticleSummary } from "./add-types.ts";
import type { ArticleFingerprint, Duplicate, DuplicateQuery } from "./duplicates.ts";

/**
 * The knowledge folder's subfolder added articles are kept in (file store and replicas' copies).
 * Here, not with the pipeline (add-article.ts), which the bot loads only at its first add.
 */
export const ADDED_FOLDER = "added";

/**
 * Where an added article came from: a followed feed, or a person (`/iranpak add`, the message
 * shortcut, `npm run add`). Kept with the article so `/iranpak sources` can list the hand adds.
 */
export type AddedFrom = { kind: "hand" } | { kind: "feed"; feedUrl: string };

/** An added article as the store keeps it for de-duplication and replies. */
export interface StoredArticle {
  summary: AddedArticleSummary;
  fingerprint: ArticleFingerprint;
  addedFrom: AddedFrom;
  /** Publishers of the same story found later, in the order found: not added again. */
  alsoPublishedBy: readonly string[];
}

/** An article to store: what it is, and its Markdown knowledge file (article-file.ts). */
export interface NewArticle {
  summary: AddedArticleSummary;
  fingerprint: ArticleFingerprint;
  addedFrom: AddedFrom;
  file: { fileName: string; text: string };
}

/** What changed in the store after a sequence number: what a replica's copy must catch up on. */
export type ArticleChange =
  | { seq: number; kind: "added"; id: string; fileName: string; text: string }
  | { seq: number; kind: "removed"; id: string; fileName: string };

/**
 * Where added articles live (memory, files under the knowledge folder, or PostgreSQL), chosen
 * once at start. Removing an article tombstones its address: it is never added again by itself.
 */
export interface ArticleStore {
  /** Every article in the knowledge now (removed ones not), oldest first. */
  list(): Promise<StoredArticle[]>;
  /** Stores it whole or not at all; false (nothing written) when its id is already stored. */
  add(article: NewArticle): Promise<boolean>;
  /** Removes the article with this id or normalised address and tombstones its address. */
  remove(idOrUrl: string): Promise<StoredArticle | undefined>;
  /**
   * The stored article `query` duplicates (duplicates.ts), looked up in an index the store keeps
   * in step with what it holds: a lookup costs the same with 10 articles stored as with 10,000.
   */
  findDuplicate(query: DuplicateQuery): Promise<Duplicate<AddedArticleSummary> | undefined>;
  /** Whether this normalised address was removed by an editor. */
  isRemoved(url: string): Promise<boolean>;
  /** Records that `publisher` published the same story as article `id`. */
  recordAlsoPublishedBy(id: string, publisher: string): Promise<void>;
  /** Additions and removals after `seq`, in order (0: everything still stored). */
  changesSince(seq: number): Promise<ArticleChange[]>;
}
