import type { Config } from "./config.ts";
import { createSafeFetchOnFirstUse } from "./fetch/safe-fetch-on-first-use.ts";
import type { AddArticle } from "./ingest/add-types.ts";
import { createOffThreadExtractor } from "./ingest/extract-off-thread.ts";
import { createArticleRemover, type RemoveArticle } from "./ingest/remove-article.ts";
import type { KnowledgeService } from "./live-index/types.ts";
import type { Logger } from "./log/logger.ts";
import type { KnowledgeEditing } from "./slack/knowledge-edits.ts";
import type { Stores } from "./store/types.ts";
import { createRateLimit } from "./util/rate-limit.ts";

/** At most this many adds a minute per person (the promise, and a bound on fetching). */
export const DEFAULT_ADDS_PER_MINUTE = 10;

export interface IngestWiring {
  add: AddArticle;
  /**
   * The same pipeline for feed items, which no one waits on: it returns once the article is
   * stored and lets the knowledge reload meanwhile (reloads coalesce), so a poll of many items
   * is not one reload after another.
   */
  addFromFeed: AddArticle;
  remove: RemoveArticle;
  /** What the Slack app gets: the pipeline and who may use it. */
  editing: KnowledgeEditing;
  close(): Promise<void>;
}

/**
 * The add pipeline as the bot and the CLI run it: the guarded fetcher (INGEST_ALLOW_HOSTS),
 * extraction off the main thread, the article store; after each add or removal the store's copy
 * catches up and, with `knowledge`, the knowledge reloads at once (the watcher would too, a
 * moment later), so the article is answerable, or gone, when the reply says so.
 */
export function createIngestWiring(
  config: Pick<Config, "ingestAllowHosts" | "knowledgeEditors">,
  deps: {
    stores: Pick<Stores, "articles" | "syncArticles">;
    logger: Logger;
    knowledge?: KnowledgeService;
  },
): IngestWiring {
  const { stores, logger, knowledge } = deps;
  const extractor = createOffThreadExtractor();
  const refresh = async () => {
    await stores.syncArticles();
    await knowledge?.reload();
  };
  const fetch = createSafeFetchOnFirstUse({ allowHosts: config.ingestAllowHosts });
  // The pipeline's code (Markdown and YAML for the article file, the fetcher's) is loaded at the
  // first add, not at the start: a bot that is only asked questions never evaluates it.
  let adders: Promise<{ add: AddArticle; addFromFeed: AddArticle }> | undefined;
  const loadAdders = () =>
    (adders ??= import("./ingest/add-article.ts").then(({ createArticleAdder }) => {
      const adderFor = (onAdded: () => unknown) =>
        createArticleAdder({
          store: stores.articles,
          fetch,
          extract: extractor.extract,
          logger,
          onAdded,
        });
      return {
        add: adderFor(refresh),
        addFromFeed: adderFor(() => {
          void refresh().catch((error: Error) =>
            logger.warn(`serving the articles a feed added failed: ${error.message}`),
          );
        }),
      };
    }));
  const add: AddArticle = async (request, signal) => (await loadAdders()).add(request, signal);
  const addFromFeed: AddArticle = async (request, signal) =>
    (await loadAdders()).addFromFeed(request, signal);
  const remove = createArticleRemover({ store: stores.articles, onRemoved: refresh });
  return {
    add,
    addFromFeed,
    remove,
    editing: {
      add,
      remove,
      editors: config.knowledgeEditors,
      addLimit: createRateLimit({ limit: DEFAULT_ADDS_PER_MINUTE, windowMs: 60_000 }),
      articles: stores.articles,
    },
    close: () => extractor.close(),
  };
}
