import path from "node:path";
import type { Config } from "../config.ts";
import { ADDED_FOLDER } from "../ingest/article-store.ts";
import type { Logger } from "../log/logger.ts";
import { createFileStores } from "./file/stores.ts";
import type { Stores } from "./types.ts";

/**
 * The stores for this process, chosen once: PostgreSQL when DATABASE_URL is set (state shared
 * by replicas), otherwise files in DATA_DIR. Nothing else in iranpak knows which. The PostgreSQL
 * stores' code (and pg's) is imported only when chosen: 30 ms of a start that uses files.
 */
export function createStores(
  config: Pick<Config, "dataDir" | "databaseUrl" | "questionHashSalt"> &
    Partial<Pick<Config, "knowledgeDir">>,
  deps: { logger: Logger },
): Promise<Stores> {
  const articleFolder =
    config.knowledgeDir === undefined ? undefined : path.join(config.knowledgeDir, ADDED_FOLDER);
  const url = config.databaseUrl;
  if (url === undefined) {
    return Promise.resolve(
      createFileStores({
        dataDir: config.dataDir,
        logger: deps.logger,
        ...(articleFolder === undefined ? {} : { articleFolder }),
      }),
    );
  }
  return import("./postgres/stores.ts").then(({ openPostgresStores }) =>
    openPostgresStores({
      url,
      logger: deps.logger,
      ...(articleFolder === undefined ? {} : { articleFolder }),
      ...(config.questionHashSalt === undefined ? {} : { salt: config.questionHashSalt }),
    }),
  );
}
