import { conflictLookupsSteps } from "../answer/conflict-lookups.ts";
import { prepareAnswersSteps } from "../answer/prepare-answers.ts";
import { countKnowledge } from "../answer/summarise-knowledge.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { KnowledgeDelta } from "../knowledge/update-knowledge.ts";
import type { Logger } from "../log/logger.ts";
import {
  buildIndex,
  buildIndexAsync,
  openIndexSteps,
  type SearchIndex,
} from "../search/build-index.ts";
import { prepareSearch, prepareSearchAsync } from "../search/prepare.ts";
import { restoreIndexSteps } from "../search/segments/segmented-index.ts";
import { runSteps, runStepsCooperatively, type Steps } from "../util/cooperative.ts";
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
 * The index for the knowledge, ready for questions: the persisted one if there is one (for
 * knowledge grown article by article, its persisted segments), else built (and persisted). At
 * start-up (`initial`) in one go; on a reload in steps between questions, so the index serving
 * now keeps answering.
 */
export async function openIndex(
  kb: KnowledgeBase,
  context: OpenIndexContext,
): Promise<SearchIndex> {
  const { initial, cache, budgetMs, logger } = context;
  const run = <T>(steps: Steps<T>): Promise<T> =>
    initial ? Promise.resolve(runSteps(steps)) : runStepsCooperatively(steps, { budgetMs });
  const flat = await cache.readIndex(kb);
  const restored = flat
    ? await run(openIndexSteps(kb, flat))
    : await restoreSegments(kb, context, run);
  if (restored) {
    await prepareIndex(restored, initial, budgetMs);
    logger.info(`loaded the persisted index for ${describeKnowledge(kb)}`);
    return restored;
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
 * The index reassembled from the persisted segments for `kb`, or undefined when there are none
 * or they do not fit it (logged: the caller rebuilds).
 */
async function restoreSegments(
  kb: KnowledgeBase,
  { cache, logger }: OpenIndexContext,
  run: <T>(steps: Steps<T>) => Promise<T>,
): Promise<SearchIndex | undefined> {
  const saved = await cache.readSegments(kb);
  if (saved === undefined) return undefined;
  try {
    const index = await run(restoreIndexSteps(kb, saved));
    logger.info(`reassembled the index from ${saved.segments.length} persisted segments`);
    return index;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(
      `the persisted segments do not fit ${describeKnowledge(kb)} (${reason}); rebuilding`,
    );
    return undefined;
  }
}

/**
 * Prepares an index for questions: at start-up at once but for its typo corrector and the
 * knowledge's summary (see `DEFAULT_WARM_UP_DELAY_MS`); on a reload or a change all
 * of it between questions, before it serves (a change's `delta` saves some of that work).
 */
export async function prepareIndex(
  index: SearchIndex,
  initial: boolean,
  budgetMs: number,
  delta?: KnowledgeDelta,
): Promise<void> {
  if (initial) {
    prepareSearch(index);
    // Every answer reads them: built now, they are not the first answer's 10-20 ms at 100k.
    runSteps(conflictLookupsSteps(index.kb.conflicts));
    return;
  }
  await (await prepareSearchAsync(index, { budgetMs })).warmUp({ budgetMs });
  await runStepsCooperatively(prepareAnswersSteps(index.kb, delta), { budgetMs });
}

/**
 * How long after the first index serves the work that no first answer needs begins: by then
 * the bot listens and has answered whoever asked first. Started at once, that work (a typo
 * corrector of 100,000 passages' words, the parsing code's modules) ran on the one thread
 * between the index and the first answer.
 */
export const DEFAULT_WARM_UP_DELAY_MS = 1_000;

/**
 * The typo corrector of the index and what answers read besides it, built a few milliseconds
 * at a time if no question has.
 */
export async function warmUpIndex(index: SearchIndex, budgetMs: number): Promise<void> {
  await prepareSearch(index).warmUp({ budgetMs });
  await runStepsCooperatively(prepareAnswersSteps(index.kb), { budgetMs });
}

/** "1 articles, 16 passages, 67 facts": what the log says was loaded. */
export function describeKnowledge(kb: KnowledgeBase): string {
  const counts = countKnowledge(kb);
  return `${counts.articles} articles, ${counts.passages} passages, ${counts.facts} facts`;
}
