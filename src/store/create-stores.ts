import type { Config } from "../config.ts";
import type { Logger } from "../log/logger.ts";
import { createFileStores } from "./file/stores.ts";
import { openPostgresStores } from "./postgres/stores.ts";
import type { Stores } from "./types.ts";

/**
 * The stores for this process, chosen once: PostgreSQL when DATABASE_URL is set (state shared
 * by replicas), otherwise files in DATA_DIR. Nothing else in iranpak knows which.
 */
export function createStores(
  config: Pick<Config, "dataDir" | "databaseUrl" | "questionHashSalt">,
  deps: { logger: Logger },
): Promise<Stores> {
  if (config.databaseUrl === undefined) {
    return Promise.resolve(createFileStores({ dataDir: config.dataDir, logger: deps.logger }));
  }
  return openPostgresStores({
    url: config.databaseUrl,
    logger: deps.logger,
    ...(config.questionHashSalt === undefined ? {} : { salt: config.questionHashSalt }),
  });
}
