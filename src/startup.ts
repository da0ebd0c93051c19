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
 * either is wrong: a bot must not start half-configured.
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
      logger,
    });
    await knowledge.ready;
    return { config, logger, knowledge };
  } catch (error) {
    console.error(error instanceof IranpakError ? error.message : error);
    process.exit(1);
  }
}
