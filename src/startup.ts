import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { type Config, parseConfig } from "./config.ts";
import { IranpakError } from "./errors.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createKnowledgeService } from "./service/knowledge-service.ts";
import type { KnowledgeService } from "./service/types.ts";

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
 * starts on that, degraded, and logs every problem with its file and line.
 */
export async function startUp(options: { watch: boolean; name: string }): Promise<Started> {
  loadDotenv({ quiet: true });
  try {
    const config = parseConfig(process.env);
    const logger = createLogger(options.name, config.logLevel);
    const knowledge = createKnowledgeService({
      dir: config.knowledgeDir,
      cacheDir: path.join(config.dataDir, "index"),
      watch: options.watch,
      // The bot recovers by itself once the folder is fixed; a one-shot command (ask, eval,
      // digest) must not quietly answer from older knowledge.
      serveLastGood: options.watch,
      logger,
    });
    await knowledge.ready;
    return { config, logger, knowledge };
  } catch (error) {
    console.error(error instanceof IranpakError ? error.message : error);
    process.exit(1);
  }
}
