import type { Config } from "./config.ts";
import { createOffThreadParser } from "./feeds/parse-off-thread.ts";
import { createFeedPoller, type FeedPoller, type FeedPollReport } from "./feeds/poller.ts";
import { createSafeFetchOnFirstUse } from "./fetch/safe-fetch-on-first-use.ts";
import type { AddArticle } from "./ingest/add-types.ts";
import type { Logger } from "./log/logger.ts";
import { countFeedPoll } from "./metrics/instrument.ts";
import type { Stores } from "./store/types.ts";

export interface FeedsWiring {
  poller: FeedPoller;
  /** Polls what is due every few seconds until stopped. */
  start(): { stop(): Promise<void> };
  /** Stops the parsing worker; call once, after the poller has stopped. */
  close(): Promise<void>;
}

/**
 * Following feeds, for the bot and `npm run feeds`: `FEEDS` made the configured feeds, the
 * guarded fetcher (INGEST_ALLOW_HOSTS), a worker thread for parsing, each poll logged and
 * counted, and every new item handed to `addArticle`.
 */
export async function createFeedsWiring(
  config: Pick<Config, "feeds" | "ingestAllowHosts">,
  deps: {
    stores: Pick<Stores, "feeds">;
    addArticle: AddArticle;
    logger: Logger;
    metrics?: Parameters<typeof countFeedPoll>[1];
    now?: () => Date;
  },
): Promise<FeedsWiring> {
  const now = deps.now ?? (() => new Date());
  await deps.stores.feeds.syncConfigured(config.feeds.urls, now());
  const parser = createOffThreadParser();
  const poller = createFeedPoller({
    store: deps.stores.feeds,
    fetch: createSafeFetchOnFirstUse({ allowHosts: config.ingestAllowHosts }),
    addArticle: deps.addArticle,
    now,
    random: Math.random,
    parse: parser.parse,
    limits: { newFeedItems: config.feeds.firstItems },
    policy: { pollSeconds: config.feeds.pollSeconds },
    onPolled: (report) => {
      logPoll(report, deps.logger);
      if (deps.metrics !== undefined) countFeedPoll(report, deps.metrics);
    },
  });
  return {
    poller,
    start: () => poller.start(),
    close: () => parser.close(),
  };
}

function logPoll(report: FeedPollReport, logger: Logger): void {
  const { outcome, items } = report;
  if (outcome.kind === "failed") {
    logger.warn(`feed ${report.url}: ${outcome.message} (${outcome.detail})`);
    return;
  }
  if (outcome.kind === "fetched" && outcome.newItems > 0) {
    logger.info(
      `feed ${report.url}: ${outcome.newItems} new (${items.added} added, ${items.duplicate} duplicate, ${items["removed-before"]} removed before, ${items.refused} refused)`,
    );
  }
  if (!report.saved) {
    logger.warn(
      `feed ${report.url}: its claim ran out before the poll was saved; it is polled again`,
    );
  }
}
