import { formatDigestText } from "./cli/digest.ts";
import { runConsole } from "./console/run-console.ts";
import { createSlackApp } from "./slack/app.ts";
import { createDigestWiring } from "./slack/digest-poster.ts";
import { installSafetyNet } from "./slack/safety-net.ts";
import { createShutdown } from "./slack/shutdown.ts";
import { startUp } from "./startup.ts";
import { createStores } from "./store/create-stores.ts";

// Composition root: config → knowledge → Slack app or console → digest.
const { config, logger, knowledge } = await startUp({ watch: true, name: "iranpak" });
const stores = await createStores(config, { logger }).catch((error: Error) => {
  logger.error(error.message);
  process.exit(1);
});
logger.info(`state kept in ${stores.description}`);
const digest = createDigestWiring(config, { knowledge, logger, stores });

if (config.slack.mode === "console") {
  const preview = digest.preview;
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    knowledge,
    ...(preview === undefined
      ? {}
      : { digestPreview: async () => formatDigestText(await preview()) }),
  });
  await stores.close();
  await knowledge.close();
} else {
  const slack = createSlackApp(config, {
    knowledge,
    logger,
    questionLog: digest.questionLog,
    seenEvents: stores.seenEvents,
    ...(digest.preview === undefined ? {} : { digestPreview: digest.preview }),
  });
  await slack.start();
  // Only now: a failure to start must still stop the process with its error.
  installSafetyNet(logger);
  const scheduler = digest.start();
  logger.info(
    config.slack.mode === "http"
      ? `listening for Slack on port ${slack.port()} (/slack/events, /healthz)`
      : "connected to Slack in Socket Mode",
  );
  const shutDown = createShutdown({
    logger,
    drain: () => [scheduler?.stop(), slack.stop()],
    finish: async () => {
      digest.questionLog.flush();
      await stores.close();
      return knowledge.close();
    },
  });
  process.once("SIGTERM", () => void shutDown("SIGTERM"));
  process.once("SIGINT", () => void shutDown("SIGINT"));
}
