import type { Answer } from "../answer/types.ts";
import type { Article, Fact, KnowledgeBase, KnowledgeCounts } from "../knowledge/types.ts";

export interface AskOptions {
  /** How many passages to skip: the "More results" button pages with it. Default 0. */
  offset?: number;
  /** How many passages to return after the facts. Default 3. */
  limit?: number;
}

export interface ReloadResult {
  ok: boolean;
  /** Why the reload failed; the previous index keeps serving. */
  error?: string;
  counts: KnowledgeCounts;
  hash: string;
}

/**
 * Whether answers come from the knowledge folder as it is. `degraded`: the folder has problems
 * and the last good index serves (answers still work, someone should fix the files).
 */
export interface ServiceStatus {
  state: "starting" | "ready" | "degraded";
  /** Why it is degraded (or why the first load failed), with the first problem's file and line. */
  reason?: string;
  /** When it entered this state. */
  since: Date;
}

/**
 * The live knowledge base: the index that answers now, swapped for a new one only when a reload
 * succeeds. Everything the Slack app, the console and the digest show comes from here.
 */
export interface KnowledgeService {
  /**
   * Resolves once the first index serves: the folder's or, with a broken folder and
   * `serveLastGood`, the last good one saved beside the persisted index (status degraded).
   * Rejects otherwise.
   */
  readonly ready: Promise<void>;
  /**
   * The start's warm-up (the typo corrector, the parsing code, questions made from the
   * knowledge), which begins by itself a second after `ready`: begins it now if it has not
   * begun, and resolves once it is done.
   */
  warmUp(): Promise<void>;
  /** Starting until the first index serves; degraded while the folder's problems last. */
  status(): ServiceStatus;
  knowledge(): KnowledgeBase;
  counts(): KnowledgeCounts;
  ask(question: string, options?: AskOptions): Answer;
  /** Structured facts on a topic, best first (all facts when the topic is empty). */
  factsAbout(topic: string): Fact[];
  /** Re-reads the folder now; on failure keeps the last good index and reports why. */
  reload(): Promise<ReloadResult>;
  /**
   * Adds articles (or replaces those with the same id) without a full rebuild: answerable once
   * this resolves. Held in memory: an article that is not also in the folder is gone after the
   * next full reload. Not ok (nothing changed) when only a full reload can check the change.
   */
  addArticles(articles: readonly Article[]): Promise<ReloadResult>;
  /** Removes articles by id, as `addArticles` adds them. */
  removeArticles(ids: readonly string[]): Promise<ReloadResult>;
  /** Stops watching the folder. */
  close(): Promise<void>;
}
