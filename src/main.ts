import { formatDigestText } from "./cli/digest.ts";
import { runConsole } from "./console/run-console.ts";
import type { DigestScheduler } from "./digest/scheduler.ts";
import { createDigestWiring } from "./digest-wiring.ts";
import { createFeedsWiring } from "./feeds-wiring.ts";
import { createIngestWiring } from "./ingest-wiring.ts";
import { DEFAULT_WARM_UP_DELAY_MS } from "./live-index/open-index.ts";
import { countDigestPosts, countWebApiFailures } from "./metrics/instrument.ts";
import { createMetrics } from "./metrics/metrics.ts";
import { createSlackApp, HEALTH_PATH, METRICS_PATH } from "./slack/app.ts";
import { createDigestClient } from "./slack/digest-client.ts";
import { installSafetyNet } from "./slack/safety-net.ts";
import { createShutdown } from "./slack/shutdown.ts";
import { warmUpAnswers } from "./slack/warm-up.ts";
import { startUp } from "./startup.ts";
import { createStores } from "./store/create-stores.ts";

// Composition root: config → knowledge → stores → Slack app or console → digest, all reporting
// to one set of metrics.
const metrics = createMetrics();
const { config, logger, knowledge } = await startUp({ watch: true, name: "iranpak", metrics });
const stores = await createStores(config, { logger }).catch((error: Error) => {
  logger.error(error.message);
  process.exit(1);
});
logger.info(`state kept in ${stores.description}`);
const digest = createDigestWiring(config, { knowledge, logger, stores });
// Added articles are part of what this process answers from (with PostgreSQL: copied into the
// knowledge folder, where the watcher serves them).
await stores.serveArticles(() => knowledge.reload());
const ingest = createIngestWiring(config, { stores, logger, knowledge });
// Feeds bring their items in through the same pipeline as a hand add.
const feeds = await createFeedsWiring(config, {
  stores,
  addArticle: ingest.addFromFeed,
  logger,
  metrics,
});
const poller = feeds.start();
const feedSettings = { store: stores.feeds, editors: config.knowledgeEditors };

if (config.slack.mode === "console") {
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    knowledge,
    feeds: stores.feeds,
    addArticle: ingest.add,
    removeArticle: ingest.remove,
    articles: stores.articles,
    ...(config.digest.channels.length === 0
      ? {}
      : { digestPreview: async () => formatDigestText(await digest.preview()) }),
  });
  await poller.stop();
  await feeds.close();
  await ingest.close();
  await stores.close();
  await knowledge.close();
} else {
  const slack = createSlackApp(config, {
    knowledge,
    logger,
    metrics,
    seenEvents: stores.seenEvents,
    more: stores.more,
    conversations: stores.conversations,
    feeds: feedSettings,
    editing: ingest.editing,
    ...digest.slackDeps,
  });
  await warmUpAnswers(knowledge);
  await slack.start();
  // Only now: a failure to start must still stop the process with its error.
  installSafetyNet(logger);
  const digestClient = createDigestClient({
    token: config.slack.botToken,
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
    limits: { onFailure: countWebApiFailures(metrics) },
  });
  // The digest's first run (it catches up a post due today) waits as the index's warm-up does:
  // run at once, it came between listening and the first answer (the question log read, ICU's
  // date data for the time zone's formatter: 30 ms and more of a start's profile at 100k).
  let scheduler: DigestScheduler | undefined;
  const digestDue = setTimeout(() => {
    scheduler = digest.start({ client: countDigestPosts(digestClient, metrics) });
  }, DEFAULT_WARM_UP_DELAY_MS);
  const healthPort = slack.healthPort();
  const apart =
    healthPort === undefined ? "" : `; ${HEALTH_PATH} and ${METRICS_PATH} on port ${healthPort}`;
  logger.info(
    config.slack.mode === "http"
      ? `listening for Slack on port ${slack.port()} (/slack/events, ${HEALTH_PATH}, ${METRICS_PATH})${apart}`
      : `connected to Slack in Socket Mode${apart || `; no ${HEALTH_PATH} or ${METRICS_PATH} without HEALTH_PORT`}`,
  );
  const shutDown = createShutdown({
    logger,
    drain: () => {
      clearTimeout(digestDue);
      return [scheduler?.stop(), slack.stop(), poller.stop()];
    },
    finish: async () => {
      await feeds.close();
      digest.questionLog.flush();
      await ingest.close();
      await stores.close();
      return knowledge.close();
    },
  });
  process.once("SIGTERM", () => void shutDown("SIGTERM"));
  process.once("SIGINT", () => void shutDown("SIGINT"));
}
