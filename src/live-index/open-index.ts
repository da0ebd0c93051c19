import { countKnowledge } from "../answer/summarise-knowledge.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Logger } from "../log/logger.ts";
import {
  buildIndex,
  buildIndexAsync,
  openIndexSteps,
  type SearchIndex,
} from "../search/build-index.ts";
import { prepareSearch, prepareSearchAsync } from "../search/prepare.ts";
import { runSteps, runStepsCooperatively } from "../util/cooperative.ts";
import type { KnowledgeCache } from "./knowledge-cache.ts";

export interface OpenIndexContext {
  /** At start-up, when nothing waits for answers yet. */
  initial: boolean;
  cache: KnowledgeCache;
  /** Longest stretch of work before answers get a turn, after start-up. */
  budgetMs: number;
  logger: Logger;
}

/**
 * The index for the knowledge, ready for questions: the persisted one if there is one, else
 * built (and persisted). At start-up (`initial`) in one go; on a reload in steps between
 * questions, so the index serving now keeps answering.
 */
export async function openIndex(
  kb: KnowledgeBase,
  context: OpenIndexContext,
): Promise<SearchIndex> {
  const { initial, cache, budgetMs, logger } = context;
  const flat = await cache.readIndex(kb);
  if (flat) {
    const steps = openIndexSteps(kb, flat);
    const cached = initial ? runSteps(steps) : await runStepsCooperatively(steps, { budgetMs });
    await prepareIndex(cached, initial, budgetMs);
    logger.info(`loaded the persisted index for ${describeKnowledge(kb)}`);
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
  await prepareIndex(index, initial, budgetMs);
  logger.info(`indexed ${describeKnowledge(kb)} in ${Date.now() - started} ms`);
  await cache.writeIndex(index);
  return index;
}

/**
 * Prepares an index for questions: at start-up at once, and its typo corrector afterwards,
 * between questions; on a reload all of it between questions, before it serves.
 */
export async function prepareIndex(
  index: SearchIndex,
  initial: boolean,
  budgetMs: number,
): Promise<void> {
  if (initial) {
    void prepareSearch(index).warmUp({ budgetMs });
    return;
  }
  await (await prepareSearchAsync(index, { budgetMs })).warmUp({ budgetMs });
}

/** "1 articles, 16 passages, 67 facts": what the log says was loaded. */
export function describeKnowledge(kb: KnowledgeBase): string {
  const counts = countKnowledge(kb);
  return `${counts.articles} articles, ${counts.passages} passages, ${counts.facts} facts`;
}
