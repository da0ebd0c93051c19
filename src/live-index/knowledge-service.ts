import { type ComposeOptions, composeAnswer } from "../answer/compose.ts";
import { countKnowledge } from "../answer/summarise-knowledge.ts";
import { warmUpQuestions } from "../answer/warm-up-questions.ts";
import { formatProblem, KnowledgeError } from "../errors.ts";
import type { Fact, KnowledgeBase } from "../knowledge/types.ts";
import type { ArticleChanges } from "../knowledge/update-knowledge.ts";
import { type KnowledgeWatcher, watchKnowledge } from "../knowledge/watch.ts";
import { type Logger, silentLogger } from "../log/logger.ts";
import type { SearchIndex } from "../search/build-index.ts";
import { buildIndexAsync } from "../search/build-index.ts";
import { indexRetriever } from "../search/index-retriever.ts";
import type { Retriever } from "../search/retriever.ts";
import {
  mergeSegmentsSteps,
  segmentedShare,
  updateIndexSteps,
} from "../search/segments/segmented-index.ts";
import {
  DEFAULT_COOPERATIVE_OPTIONS,
  runStepsCooperatively,
  type Steps,
} from "../util/cooperative.ts";
import { createOneAtATime } from "../util/one-at-a-time.ts";
import { readArticleChanges } from "./article-changes.ts";
import { createKnowledgeCache } from "./knowledge-cache.ts";
import {
  DEFAULT_WARM_UP_DELAY_MS,
  describeKnowledge,
  openIndex,
  prepareIndex,
  warmUpIndex,
} from "./open-index.ts";
import { type FileStamp, sameStamps, stampKnowledgeFolder } from "./parsed-knowledge.ts";
import type { KnowledgeService, ReloadResult, ServiceStatus } from "./types.ts";

export interface KnowledgeServiceOptions {
  /** The knowledge folder. */
  dir: string;
  /** Re-index when files in `dir` change. Default true. */
  watch?: boolean;
  logger?: Logger;
  /**
   * Where the persisted index and the last good knowledge live; without it, every start
   * builds the index and a broken folder cannot start.
   */
  cacheDir?: string;
  /**
   * When the folder is broken at start, serve the last good knowledge saved in `cacheDir`
   * (status degraded) instead of failing. Default false: for a bot that watches the folder and
   * recovers once it is fixed, not for one-shot commands.
   */
  serveLastGood?: boolean;
  compose?: Partial<ComposeOptions>;
  /**
   * Longest stretch of reload work before answers get a turn. Default 8 ms; tests use 0 to
   * make every step yield.
   */
  reloadBudgetMs?: number;
  /** The clock status changes are stamped with. Default: the system clock. */
  now?: () => Date;
}

/**
 * Loads the knowledge folder, serves answers from its index and swaps in a new index when the
 * folder changes. A reload that fails keeps the last good index serving and says why; so does a
 * start with a broken folder, from the last good knowledge saved in `cacheDir`.
 */
export function createKnowledgeService(options: KnowledgeServiceOptions): KnowledgeService {
  const { dir, logger = silentLogger } = options;
  const budgetMs = options.reloadBudgetMs ?? DEFAULT_COOPERATIVE_OPTIONS.budgetMs;
  const now = options.now ?? (() => new Date());
  const cache = createKnowledgeCache({ dir, cacheDir: options.cacheDir, logger, budgetMs });
  let current: SearchIndex | undefined;
  /** When the knowledge `current` serves was last known good. */
  let goodSince = now();
  let status: ServiceStatus = { state: "starting", since: now() };
  let watcher: KnowledgeWatcher | undefined;
  /** The folder's stamps as the serving index has it: what the next reload compares with. */
  let servedStamps: FileStamp[] | undefined;
  /** A save of the knowledge grown by segments, waiting for the changes to pause. */
  let saveDue: NodeJS.Timeout | undefined;
  /** The save of grown knowledge under way, outside the queue of changes (see `saveGrown`). */
  let saving: Promise<void> = Promise.resolve();

  const serving = (): SearchIndex => {
    if (current === undefined) throw new Error("the knowledge base is not loaded yet: await ready");
    return current;
  };

  const indexFor = (kb: KnowledgeBase, initial: boolean): Promise<SearchIndex> =>
    openIndex(kb, { initial, cache, budgetMs, logger });

  /** Serving the folder as it is: remember it as the last good knowledge. */
  const serveGood = async (index: SearchIndex): Promise<void> => {
    current = index;
    goodSince = now();
    status = { state: "ready", since: goodSince };
    await cache.saveGood(index.kb);
  };

  const degrade = (error: unknown): void => {
    status = { state: "degraded", reason: degradedReason(error, goodSince), since: now() };
  };

  /** The first load failed: serve the last good knowledge if there is one, else fail as before. */
  const startFromLastGood = async (error: unknown): Promise<void> => {
    status = { state: "starting", reason: messageOf(error), since: now() };
    if (!options.serveLastGood) throw error;
    const snapshot = await cache.readLastGood();
    if (snapshot === undefined) throw error;
    current = await indexFor(snapshot.kb, true);
    goodSince = snapshot.savedAt;
    degrade(error);
    logger.error(`${status.reason}.\n${messageOf(error)}`);
  };

  /**
   * Applies article changes to the serving index as a new small segment (see
   * search/segments/): answerable as soon as it resolves, in a fraction of a full rebuild.
   * Throws `NeedsFullReload` when only a full read can check the change.
   */
  const applyChanges = async (changes: ArticleChanges): Promise<ReloadResult> => {
    const index = serving();
    const { applyArticleChangesSteps } = await updateKnowledge();
    const steps = applyArticleChangesSteps(index.kb, changes);
    const delta = await runStepsCooperatively(steps, { budgetMs });
    const next = await runStepsCooperatively(updateIndexSteps(index, delta), { budgetMs });
    await prepareIndex(next, false, budgetMs, delta);
    current = next;
    if (status.state !== "ready") {
      goodSince = now();
      status = { state: "ready", since: goodSince };
    }
    logger.info(
      `knowledge updated: ${changes.upserts.length} articles added or replaced, ` +
        `${changes.removals.length} removed; ${describeKnowledge(next.kb)}`,
    );
    void exclusive(mergeSegments);
    return result(true, next.kb);
  };

  /**
   * Merges small segments while a level has enough of them, and rebuilds the index in full
   * once they hold more than `MAX_SEGMENTED_SHARE` of it: a step at a time, between answers.
   */
  const mergeSegments = async (): Promise<void> => {
    for (;;) {
      const index = serving();
      const merged = await runStepsCooperatively(mergeSegmentsSteps(index), { budgetMs });
      if (merged === undefined) break;
      await prepareIndex(merged, false, budgetMs);
      if (current === index) current = merged;
    }
    const index = serving();
    if (segmentedShare(index) <= MAX_SEGMENTED_SHARE) return;
    const rebuilt = await buildIndexAsync(index.kb, { budgetMs });
    await prepareIndex(rebuilt, false, budgetMs);
    if (current === index) current = rebuilt;
  };

  /**
   * Saves the knowledge the folder's article changes made as the last good knowledge and as
   * parsed (both are rewritten whole), and its index as segments (only those not saved yet are
   * written): once the changes pause, not after every article.
   */
  const saveGrownLater = (): void => {
    if (options.cacheDir === undefined) return;
    clearTimeout(saveDue);
    saveDue = setTimeout(() => void exclusive(saveGrown), SAVE_GROWN_DELAY_MS);
    saveDue.unref();
  };

  /**
   * Takes what to save in the queue, then saves it outside: reading and writing the whole
   * knowledge takes seconds at 100k passages, and an article added meanwhile must not wait for
   * it (measured: 6.9 s to answerable). The save gives up if the index changes meanwhile; a
   * full reload, which writes the same files, waits for it (see `reloadOnce`).
   */
  const saveGrown = async (): Promise<void> => {
    saveDue = undefined;
    const stamps = servedStamps;
    const index = current;
    if (stamps === undefined || index === undefined) return;
    // After the save before it, if still writing; never rejects: a save that fails is logged
    // (see `KnowledgeCache`).
    saving = saving.then(() =>
      cache.saveGrown(index, stamps, async () => {
        const now = await stampKnowledgeFolder(dir);
        return now !== undefined && sameStamps(now, stamps) && current === index;
      }),
    );
  };

  /**
   * The folder's changes as article changes to the serving index; undefined when a full reload
   * is needed (see `readArticleChanges` and `applyArticleChanges`).
   */
  const reloadArticles = async (): Promise<ReloadResult | undefined> => {
    const before = servedStamps;
    const stamps = await stampKnowledgeFolder(dir);
    if (current === undefined || before === undefined || stamps === undefined) return undefined;
    const changes = await readArticleChanges(dir, current.kb, before, stamps);
    if (changes === undefined) return undefined;
    try {
      const applied =
        changes.upserts.length + changes.removals.length === 0
          ? result(true, current.kb)
          : await applyChanges(changes);
      servedStamps = stamps;
      saveGrownLater();
      return applied;
    } catch (error) {
      if (error instanceof (await updateKnowledge()).NeedsFullReload) return undefined;
      throw error;
    }
  };

  const reloadOnce = async (): Promise<ReloadResult> => {
    await saving;
    try {
      const articles = status.state === "ready" ? await reloadArticles() : undefined;
      if (articles !== undefined) return articles;
      const { kb, stamps } = await cache.readKnowledge(true);
      if (current && kb.hash === current.kb.hash) {
        if (status.state !== "ready") await serveGood(current);
        // Files touched but not changed: their new times are what the next start compares.
        else await cache.saveParsed(current.kb);
        return result(true, current.kb);
      }
      await serveGood(await indexFor(kb, false));
      servedStamps = stamps;
      logger.info(`knowledge reloaded: ${describeKnowledge(kb)}`);
      return result(true, kb);
    } catch (error) {
      const message = messageOf(error);
      degrade(error);
      logger.error(`knowledge reload failed; still serving the last good index.\n${message}`);
      return { ...result(false, serving().kb), error: message };
    }
  };

  // One change to the index at a time: reloads, added or removed articles, merges.
  const exclusive = createOneAtATime();

  /** Article changes through the same path as the folder's, never leaving a broken index. */
  const changeArticles = (changes: ArticleChanges): Promise<ReloadResult> =>
    exclusive(async () => {
      try {
        return await applyChanges(changes);
      } catch (error) {
        return { ...result(false, serving().kb), error: messageOf(error) };
      }
    });

  const reload = coalesce(() => exclusive(reloadOnce));

  /** Compose's own answer: what the service answers, and what its warm-up asks itself. */
  const ask: KnowledgeService["ask"] = (question, askOptions = {}) =>
    composeAnswer(indexRetriever(serving()), question, { ...options.compose, ...askOptions });

  let warming: Promise<void> | undefined;
  /**
   * Once the first answers are out: the typo corrector, (started from the parsed knowledge)
   * the parsing code, and questions made from the knowledge, in steps that leave answers their
   * turn, so that neither the first misspelling, nor the first reload, nor the first questions
   * of each kind wait for what a start can do. Once, whoever calls first.
   */
  const warmUp = (): Promise<void> => {
    warming ??= (async () => {
      if (current !== undefined) await warmUpIndex(current, budgetMs);
      await import("../knowledge/load.ts");
      // A question at a time: one asked meanwhile waits for one warm-up question at most,
      // not for a budget's worth of them.
      const questions = warmUpQuestions(serving().kb);
      const started = performance.now();
      await runStepsCooperatively(askSteps(questions), { budgetMs: 0 });
      logger.info(
        `warmed up: asked itself ${questions.length} questions in ${(performance.now() - started).toFixed(0)} ms`,
      );
    })().catch((error) => {
      // Nothing is lost but speed: the first questions of each kind compile what it would have.
      logger.warn(`warm-up stopped: ${messageOf(error)}`);
    });
    return warming;
  };

  /** Asks each question and forgets the answer: neither counted nor logged (see `ask`). */
  function* askSteps(questions: readonly string[]): Steps<void> {
    for (const question of questions) {
      ask(question);
      yield;
    }
  }

  const ready = (async () => {
    let read: { kb: KnowledgeBase; stamps: FileStamp[] | undefined } | undefined;
    try {
      read = await cache.readKnowledge(false);
    } catch (error) {
      await startFromLastGood(error);
    }
    if (read !== undefined) {
      await serveGood(await indexFor(read.kb, true));
      servedStamps = read.stamps;
    }
    setTimeout(() => void warmUp(), DEFAULT_WARM_UP_DELAY_MS).unref();
    if (options.watch ?? true) {
      watcher = watchKnowledge(dir, () => void reload());
      await watcher.ready;
    }
  })();
  // `ready` is awaited by callers; keep an early failure from being reported as unhandled too.
  ready.catch(() => {});

  return {
    ready,
    warmUp: () => ready.then(warmUp),
    status: () => status,
    knowledge: () => serving().kb,
    counts: () => countKnowledge(serving().kb),
    ask,
    factsAbout: (topic) => factsAbout(indexRetriever(serving()), topic),
    reload,
    addArticles: (articles) => changeArticles({ upserts: articles, removals: [] }),
    removeArticles: (ids) => changeArticles({ upserts: [], removals: ids }),
    close: async () => {
      watcher?.close();
      await reload.running;
      if (saveDue !== undefined) {
        clearTimeout(saveDue);
        await exclusive(saveGrown);
      }
      // Queued last: settles once every change queued before it has.
      await exclusive(async () => {});
      await saving;
    },
  };
}

/**
 * Past this share of the index in small segments, it is rebuilt in full: a search reads every
 * segment's runs, and renumbers the big one's for every change since it was built.
 */
const MAX_SEGMENTED_SHARE = 0.25;

/** Quiet time after the folder's last article change before the knowledge is saved. */
const SAVE_GROWN_DELAY_MS = 10_000;

/**
 * `run`, one call at a time: a call while one runs shares its result and asks for exactly one
 * more run after it (changes seen during a reload are read by the next).
 */
function coalesce<T>(
  run: () => Promise<T>,
): (() => Promise<T>) & { readonly running?: Promise<T> } {
  let running: Promise<T> | undefined;
  let again = false;
  const call = (): Promise<T> => {
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void call();
      }
    });
    return running;
  };
  return Object.defineProperty(call, "running", { get: () => running });
}

/** Facts on a topic, best first; every fact for an empty topic. */
export function factsAbout(retriever: Retriever, topic: string): Fact[] {
  if (topic.trim() === "") return [...retriever.knowledge.facts];
  return retriever
    .search(topic, { wanted: Number.POSITIVE_INFINITY })
    .hits.map((h) => retriever.fact(h.id))
    .filter((f): f is Fact => f !== undefined);
}

function result(ok: boolean, kb: KnowledgeBase): ReloadResult {
  return { ok, counts: countKnowledge(kb), hash: kb.hash };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line for /healthz and the console: how many problems, the first with its file and line. */
function degradedReason(error: unknown, goodSince: Date): string {
  const problems = error instanceof KnowledgeError ? error.problems : [];
  const [first] = problems;
  const what =
    first === undefined
      ? `the knowledge folder cannot be loaded (${messageOf(error).split("\n")[0]})`
      : `${problems.length} problem${problems.length === 1 ? "" : "s"} in the knowledge folder, ` +
        `first ${formatProblem(first)}`;
  return `${what}; serving the last good index from ${goodSince.toISOString()}`;
}

/**
 * The code that applies article changes, imported when the first change comes: with the fact
 * extractors it pulls in, it was most of a start's module loading, and a start never needs it.
 */
function updateKnowledge(): Promise<typeof import("../knowledge/update-knowledge.ts")> {
  return import("../knowledge/update-knowledge.ts");
}
