import { formatDigestText } from "./cli/digest.ts";
import { runConsole } from "./console/run-console.ts";
import { createSlackApp } from "./slack/app.ts";
import { createDigestWiring } from "./slack/digest-poster.ts";
import { installSafetyNet } from "./slack/safety-net.ts";
import { createShutdown } from "./slack/shutdown.ts";
import { startUp } from "./startup.ts";

// Composition root: config → knowledge → Slack app or console → digest.
const { config, logger, knowledge } = await startUp({ watch: true, name: "iranpak" });
const digest = createDigestWiring(config, { knowledge, logger });

if (config.slack.mode === "console") {
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    knowledge,
    ...(config.digest.channels.length === 0
      ? {}
      : { digestPreview: async () => formatDigestText(await digest.preview()) }),
  });
  await knowledge.close();
} else {
  const slack = createSlackApp(config, {
    knowledge,
    logger,
    ...digest.slackDeps,
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
    finish: () => {
      digest.questionLog.flush();
      return knowledge.close();
    },
  });
  process.once("SIGTERM", () => void shutDown("SIGTERM"));
  process.once("SIGINT", () => void shutDown("SIGINT"));
}
