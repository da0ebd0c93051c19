import type { Writable } from "node:stream";
import { describeFeed, formatFeedStatusText } from "../feeds/feed-status.ts";
import { createFeedsWiring } from "../feeds-wiring.ts";
import type { AddArticle } from "../ingest/add-types.ts";
import { createIngestWiring } from "../ingest-wiring.ts";
import type { Started } from "../startup.ts";
import { createStores } from "../store/create-stores.ts";

export const FEEDS_USAGE = `usage:
  npm run feeds -- list [--json]   the followed feeds: last successful poll, items added, errors
  npm run feeds -- poll            poll every feed once now, add what is new, and exit`;

export interface FeedsIo {
  output: Writable;
  error: Writable;
  /** The ingestion pipeline feed items go through; default: the bot's own (src/ingest/). */
  addArticle?: AddArticle;
  now?: () => Date;
}

/** `npm run feeds`: the followed feeds, from the same store the bot uses (DATA_DIR or DATABASE_URL). */
export async function runFeeds(
  args: readonly string[],
  started: Pick<Started, "config" | "logger">,
  io: FeedsIo,
): Promise<number> {
  const [action, ...flags] = args;
  const json = flags.includes("--json");
  if (
    (action !== "list" && action !== "poll") ||
    flags.some((f) => f !== "--json") ||
    (action === "poll" && json)
  ) {
    io.error.write(`${FEEDS_USAGE}\n`);
    return 2;
  }
  const { config, logger } = started;
  const stores = await createStores(config, { logger });
  try {
    const now = io.now ?? (() => new Date());
    if (action === "list") {
      await stores.feeds.syncConfigured(config.feeds.urls, now());
      const statuses = (await stores.feeds.list()).map(describeFeed);
      io.output.write(
        json
          ? `${JSON.stringify(statuses, null, 2)}\n`
          : statuses.length === 0
            ? "No feeds are followed: set FEEDS, or use /iranpak feeds add <url>.\n"
            : `${statuses.flatMap(formatFeedStatusText).join("\n")}\n`,
      );
      return 0;
    }
    // Items are added as the bot adds them; the running bot's watcher (or, with PostgreSQL,
    // its copy of the stored articles) serves them.
    const ingest = createIngestWiring(config, { stores, logger });
    const addArticle = io.addArticle ?? ingest.addFromFeed;
    const feeds = await createFeedsWiring(config, { stores, addArticle, logger, now });
    try {
      const reports = await feeds.poller.pollDue({ all: true });
      for (const report of reports) {
        const { outcome, items } = report;
        const what =
          outcome.kind === "failed"
            ? `failed: ${outcome.message}`
            : outcome.kind === "not-modified"
              ? "not modified"
              : `${outcome.newItems} new: ${items.added} added, ${items.duplicate} duplicate, ${items["removed-before"]} removed before, ${items.refused} refused`;
        io.output.write(`${report.url}: ${what}\n`);
      }
      if (reports.length === 0)
        io.output.write("No feeds to poll (or another process is polling them).\n");
      return reports.some((r) => r.outcome.kind === "failed") ? 1 : 0;
    } finally {
      await feeds.close();
      await ingest.close();
    }
  } finally {
    await stores.close();
  }
}
