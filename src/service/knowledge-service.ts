import { type ComposeOptions, composeAnswer } from "../answer/compose.ts";
import { countKnowledge } from "../answer/summarize-knowledge.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import type { Fact, KnowledgeBase, KnowledgeCounts } from "../knowledge/types.ts";
import { type KnowledgeWatcher, watchKnowledge } from "../knowledge/watch.ts";
import { type Logger, silentLogger } from "../logger.ts";
import { buildIndex, buildIndexAsync, type SearchIndex } from "../search/build-index.ts";
import { factDocumentId } from "../search/documents.ts";
import { prepareSearch, prepareSearchAsync } from "../search/prepare.ts";
import { searchIndex } from "../search/query.ts";
import { defaultCooperativeOptions } from "../steps.ts";
import { readCachedIndex, writeCachedIndex } from "./index-cache.ts";
import type { KnowledgeService, ReloadResult } from "./types.ts";

export interface KnowledgeServiceOptions {
  /** The knowledge folder. */
  dir: string;
  /** Re-index when files in `dir` change. Default true. */
  watch?: boolean;
  logger?: Logger;
  /** Where the persisted index lives; without it, every start builds the index. */
  cacheDir?: string;
  compose?: Partial<ComposeOptions>;
  /**
   * Longest stretch of reload work before answers get a turn. Default 8 ms; tests use 0 to
   * make every step yield.
   */
  reloadBudgetMs?: number;
}

/**
 * Loads the knowledge folder, serves answers from its index and swaps in a new index when the
 * folder changes. A reload that fails keeps the last good index serving and says why.
 */
export function createKnowledgeService(options: KnowledgeServiceOptions): KnowledgeService {
  const { dir, cacheDir, logger = silentLogger } = options;
  const budgetMs = options.reloadBudgetMs ?? defaultCooperativeOptions.budgetMs;
  let current: SearchIndex | undefined;
  let reloading: Promise<ReloadResult> | undefined;
  let again = false;
  let watcher: KnowledgeWatcher | undefined;

  const serving = (): SearchIndex => {
    if (current === undefined) throw new Error("the knowledge base is not loaded yet: await ready");
    return current;
  };

  const indexFor = async (kb: KnowledgeBase, initial: boolean): Promise<SearchIndex> => {
    const cached = cacheDir === undefined ? undefined : await readCachedIndex(cacheDir, kb);
    if (cached) {
      prepareSearch(cached);
      logger.info(`loaded the persisted index for ${describe(countKnowledge(kb))}`);
      return cached;
    }
    const started = Date.now();
    let lastShown = 0;
    // At start-up nothing waits for answers: build in one go. Later, build in chunks so the
    // current index keeps answering, and show progress for big knowledge bases.
    const index = initial
      ? buildIndex(kb)
      : await buildIndexAsync(kb, {
          budgetMs,
          onProgress: ({ done, total }) => {
            const percent = Math.floor((done / total) * 10) * 10;
            if (total >= 10_000 && percent > lastShown) {
              lastShown = percent;
              logger.info(`indexing ${done}/${total} documents (${percent}%)`);
            }
          },
        });
    if (initial) prepareSearch(index);
    else await prepareSearchAsync(index, { budgetMs });
    logger.info(`indexed ${describe(countKnowledge(kb))} in ${Date.now() - started} ms`);
    if (cacheDir !== undefined) {
      await writeCachedIndex(cacheDir, index).catch((error: unknown) =>
        logger.warn(`could not persist the index in ${cacheDir}: ${String(error)}`),
      );
    }
    return index;
  };

  const reloadOnce = async (): Promise<ReloadResult> => {
    try {
      const kb = await loadKnowledge(dir, { budgetMs });
      if (current && kb.hash === current.kb.hash) return result(true, current.kb);
      current = await indexFor(kb, false);
      logger.info(`knowledge reloaded: ${describe(countKnowledge(kb))}`);
      return result(true, kb);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error(`knowledge reload failed; still serving the last good index.\n${message}`);
      return { ...result(false, serving().kb), error: message };
    }
  };

  // One reload at a time; changes seen during a reload trigger exactly one more.
  const reload = (): Promise<ReloadResult> => {
    if (reloading) {
      again = true;
      return reloading;
    }
    reloading = reloadOnce().finally(() => {
      reloading = undefined;
      if (again) {
        again = false;
        void reload();
      }
    });
    return reloading;
  };

  const ready = (async () => {
    const kb = await loadKnowledge(dir);
    current = await indexFor(kb, true);
    if (options.watch ?? true) {
      watcher = watchKnowledge(dir, () => void reload());
      await watcher.ready;
    }
  })();
  // `ready` is awaited by callers; keep an early failure from being reported as unhandled too.
  ready.catch(() => {});

  return {
    ready,
    knowledge: () => serving().kb,
    counts: () => countKnowledge(serving().kb),
    ask: (question, askOptions = {}) =>
      composeAnswer(serving(), question, { ...options.compose, ...askOptions }),
    factsAbout: (topic) => factsAbout(serving(), topic),
    reload,
    close: async () => {
      watcher?.close();
      await reloading;
    },
  };
}

/** Facts on a topic, best first; every fact for an empty topic. */
export function factsAbout(index: SearchIndex, topic: string): Fact[] {
  if (topic.trim() === "") return [...index.kb.facts];
  const byDocId = new Map(index.kb.facts.map((f) => [factDocumentId(f), f]));
  return searchIndex(index, topic, { wanted: Number.POSITIVE_INFINITY })
    .hits.map((h) => byDocId.get(h.id))
    .filter((f): f is Fact => f !== undefined);
}

function describe(counts: KnowledgeCounts): string {
  return `${counts.articles} articles, ${counts.passages} passages, ${counts.facts} facts`;
}

function result(ok: boolean, kb: KnowledgeBase): ReloadResult {
  return { ok, counts: countKnowledge(kb), hash: kb.hash };
}
