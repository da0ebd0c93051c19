import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { type Config, parseConfig } from "./config.ts";
import { IranpakError } from "./errors.ts";
import { watchKnowledge } from "./knowledge/watch.ts";
import { createKnowledgeService } from "./live-index/knowledge-service.ts";
import type { KnowledgeService } from "./live-index/types.ts";
import { createLogger, type Logger } from "./log/logger.ts";
import { countReloads, overriding } from "./metrics/instrument.ts";
import type { Metrics } from "./metrics/metrics.ts";

export interface Started {
  config: Config;
  logger: Logger;
  knowledge: KnowledgeService;
}

/**
 * What every entry point does first: read `.env`, parse the configuration once, load the
 * knowledge base (from the persisted index when it is current). Exits with a clear message when
 * either is wrong: a bot must not start half-configured. A broken knowledge folder is the one
 * exception for the bot (which watches it): with a last good knowledge base in DATA_DIR it
 * starts on that, degraded, and logs every problem with its file and line. With `metrics`, every
 * reload (the watcher's too) is counted.
 */
export async function startUp(options: {
  watch: boolean;
  name: string;
  metrics?: Pick<Metrics, "reloads">;
}): Promise<Started> {
  loadDotenv({ quiet: true });
  try {
    const config = parseConfig(process.env);
    const logger = createLogger(options.name, config.logLevel, {
      ...(config.logFormat === undefined ? {} : { format: config.logFormat }),
      secrets: secretsOf(config),
    });
    const service = createKnowledgeService({
      dir: config.knowledgeDir,
      cacheDir: path.join(config.dataDir, "index"),
      // Watched here rather than by the service, so the watcher's reloads go through `reload`
      // below and are counted.
      watch: false,
      // The bot recovers by itself once the folder is fixed; a one-shot command (ask, eval,
      // digest) must not quietly answer from older knowledge.
      serveLastGood: options.watch,
      logger,
    });
    const counted = options.metrics ? countReloads(service, options.metrics) : service;
    const knowledge = options.watch ? reloadOnChange(counted, config.knowledgeDir) : counted;
    await knowledge.ready;
    return { config, logger, knowledge };
  } catch (error) {
    console.error(error instanceof IranpakError ? error.message : error);
    process.exit(1);
  }
}

/** What must never be logged: every token and secret the configuration holds. */
export function secretsOf(config: Config): string[] {
  const { slack } = config;
  return [
    ...(slack.mode === "console" ? [] : [slack.botToken]),
    ...(slack.mode === "socket" ? [slack.appToken] : []),
    ...(slack.mode === "http" ? [slack.signingSecret] : []),
    ...(config.questionHashSalt === undefined ? [] : [config.questionHashSalt]),
  ];
}

/**
 * `knowledge`, reloaded whenever its folder changes once it is ready (as the service's own
 * `watch` does); `close` stops watching first.
 */
function reloadOnChange(knowledge: KnowledgeService, dir: string): KnowledgeService {
  let watcher: ReturnType<typeof watchKnowledge> | undefined;
  let closed = false;
  const ready = knowledge.ready.then(async () => {
    if (closed) return;
    watcher = watchKnowledge(dir, () => void knowledge.reload());
    await watcher.ready;
  });
  ready.catch(() => {});
  return overriding(knowledge, {
    ready,
    close: async () => {
      closed = true;
      watcher?.close();
      await knowledge.close();
    },
  });
}
