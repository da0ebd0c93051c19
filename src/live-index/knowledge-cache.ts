import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Logger } from "../log/logger.ts";
import type { SearchIndex } from "../search/build-index.ts";
import type { FlatIndex } from "../search/flat-index.ts";
import type { SavedSegments } from "../search/segments/segmented-index.ts";
import type { CooperativeOptions } from "../util/cooperative.ts";
import {
  dropReadAhead,
  readCachedIndex,
  readIndexFilesAhead,
  writeCachedIndex,
} from "./index-cache.ts";
import {
  type KnowledgeSnapshot,
  readKnowledgeSnapshot,
  saveKnowledgeSnapshot,
} from "./knowledge-snapshot.ts";
import { parseOffThread } from "./parse-off-thread.ts";
import {
  type FileStamp,
  readParsedKnowledge,
  saveParsedKnowledge,
  stampKnowledgeFolder,
} from "./parsed-knowledge.ts";
import { readCachedSegments, writeCachedSegments } from "./segments-cache.ts";

export interface KnowledgeCacheOptions {
  /** The knowledge folder. */
  dir: string;
  /** Where the cache lives; without it nothing is kept and everything is read in full. */
  cacheDir?: string;
  logger: Logger;
  budgetMs: number;
}

/**
 * What the live index keeps in `cacheDir`, and when: the knowledge as parsed (so a start with
 * unchanged files skips parsing), the persisted index, or for knowledge grown article by
 * article its segments (so it skips indexing), and the last good knowledge (so a broken folder
 * can still start). Saving never fails the caller: a cache that
 * cannot be written is logged, and the next start reads the folder in full.
 */
export interface KnowledgeCache {
  /**
   * The folder's knowledge: as parsed before when no file changed since, else read in full: on
   * a reload in a worker thread (answers keep coming meanwhile), at start-up here.
   */
  readKnowledge(reload: boolean): Promise<ReadKnowledge>;
  /** The persisted index for exactly this knowledge, or undefined. */
  readIndex(kb: KnowledgeBase): Promise<FlatIndex | undefined>;
  /** The persisted segments of the index grown to exactly this knowledge, or undefined. */
  readSegments(kb: KnowledgeBase): Promise<SavedSegments | undefined>;
  writeIndex(index: SearchIndex): Promise<void>;
  /** The knowledge now serves as the folder is: keep it as the last good, and as parsed. */
  saveGood(kb: KnowledgeBase): Promise<void>;
  /** Keeps the knowledge as parsed, when it was just read in full from its files. */
  saveParsed(kb: KnowledgeBase): Promise<void>;
  /** The last good knowledge saved, or undefined when there is none or it is damaged. */
  readLastGood(): Promise<KnowledgeSnapshot | undefined>;
  /**
   * Keeps knowledge grown by segments as the last good and as parsed for the folder's `stamps`,
   * and its index as its segments, unless `unchanged` says the folder or the serving index
   * moved on meanwhile.
   */
  saveGrown(
    index: SearchIndex,
    stamps: FileStamp[],
    unchanged: () => Promise<boolean>,
  ): Promise<void>;
}

/** Knowledge as read, with the folder's stamps it was read at (undefined: no folder to stamp). */
export interface ReadKnowledge {
  kb: KnowledgeBase;
  stamps: FileStamp[] | undefined;
}

export function createKnowledgeCache(options: KnowledgeCacheOptions): KnowledgeCache {
  const { dir, cacheDir, logger, budgetMs } = options;
  /** Knowledge read in full, to be saved as parsed once it serves. */
  let unsaved: { stamps: FileStamp[]; kb: KnowledgeBase } | undefined;
  /** The index files being read ahead at start-up, while the knowledge is read. */
  let readingAhead: Promise<void> | undefined;
  const doneReadingAhead = () => {
    if (cacheDir !== undefined) dropReadAhead(cacheDir);
  };

  const saveParsed = async (kb: KnowledgeBase): Promise<void> => {
    const read = unsaved;
    unsaved = undefined;
    if (cacheDir === undefined || read?.kb.hash !== kb.hash) return;
    await saveParsedKnowledge(cacheDir, read.stamps, kb).catch((error: unknown) =>
      logger.warn(`could not save the parsed knowledge in ${cacheDir}: ${String(error)}`),
    );
  };

  return {
    async readKnowledge(reload) {
      if (!reload && cacheDir !== undefined) readingAhead ??= readIndexFilesAhead(cacheDir);
      // Stamped even without a cache: the next reload compares them to find changed articles.
      const stamps = await stampKnowledgeFolder(dir);
      if (cacheDir !== undefined && stamps !== undefined) {
        const parsed = await readParsedKnowledge(cacheDir, stamps);
        if (parsed) return { kb: parsed, stamps };
      }
      if (reload && cacheDir !== undefined) {
        const saved = await parseOffThread({ dir, cacheDir });
        const parsed = saved && (await readParsedKnowledge(cacheDir, saved));
        if (parsed) {
          logger.info("read and indexed the changed knowledge in a worker thread");
          return { kb: parsed, stamps: saved };
        }
      }
      const kb = await loadKnowledge(dir, { budgetMs });
      if (stamps !== undefined) unsaved = { stamps, kb };
      return { kb, stamps };
    },

    async readIndex(kb) {
      if (cacheDir === undefined) return undefined;
      await readingAhead;
      const flat = await readCachedIndex(cacheDir, kb, logger);
      // Else the segments are read next, perhaps read ahead too.
      if (flat !== undefined) doneReadingAhead();
      return flat;
    },

    async readSegments(kb) {
      if (cacheDir === undefined) return undefined;
      await readingAhead;
      try {
        return await readCachedSegments(cacheDir, kb, logger);
      } finally {
        doneReadingAhead();
      }
    },

    async writeIndex(index) {
      if (cacheDir === undefined) return;
      await writeCachedIndex(cacheDir, index).catch((error: unknown) =>
        logger.warn(`could not persist the index in ${cacheDir}: ${String(error)}`),
      );
    },

    async saveGood(kb) {
      if (cacheDir === undefined) return;
      await saveKnowledgeSnapshot(cacheDir, dir, kb, { budgetMs }).catch((error: unknown) =>
        logger.warn(`could not save the last good knowledge in ${cacheDir}: ${String(error)}`),
      );
      await saveParsed(kb);
    },

    saveParsed,

    async saveGrown(index, stamps, unchanged) {
      if (cacheDir === undefined) return;
      const { kb } = index;
      try {
        if (!(await saveKnowledgeSnapshot(cacheDir, dir, kb, { budgetMs }, unchanged))) return;
        await saveParsedKnowledge(cacheDir, stamps, kb);
      } catch (error) {
        logger.warn(`could not save the last good knowledge in ${cacheDir}: ${String(error)}`);
        return;
      }
      await writeCachedSegments(cacheDir, index).catch((error: unknown) =>
        logger.warn(`could not persist the index's segments in ${cacheDir}: ${String(error)}`),
      );
    },

    async readLastGood() {
      if (cacheDir === undefined) return undefined;
      return readKnowledgeSnapshot(cacheDir, dir).catch((damaged: unknown) => {
        logger.warn(`cannot use the last good knowledge: ${String(damaged)}`);
        return undefined;
      });
    },
  };
}

/**
 * `loadKnowledge`, its parsing code imported when first needed: a start from the parsed
 * knowledge never needs it, and importing it takes a quarter of a second.
 */
async function loadKnowledge(
  dir: string,
  options: Partial<CooperativeOptions>,
): Promise<KnowledgeBase> {
  return (await import("../knowledge/load.ts")).loadKnowledge(dir, options);
}
