import { openQuestionLog } from "../digest/question-log.ts";
import { createDigestStore } from "../digest/state.ts";
import type { Logger } from "../logger.ts";
import { createSeenEvents } from "../slack/listeners/events/seen-events.ts";
import type { Stores } from "./types.ts";

/**
 * The embedded default: event ids in memory, the digest's state and the question log as files
 * in `dataDir`. Right for one process; two processes sharing `dataDir` still post each digest
 * once (claim files), but each answers a retry that reaches it.
 */
export function createFileStores(options: { dataDir: string; logger: Logger }): Stores {
  const { dataDir, logger } = options;
  const logs: { flush(): void }[] = [];
  return {
    description: `files in ${dataDir}`,
    seenEvents: createSeenEvents(),
    digest: createDigestStore({ dataDir, logger }),
    openQuestionLog(logOptions) {
      const log = openQuestionLog({ ...logOptions, dataDir });
      logs.push(log);
      return log;
    },
    async close() {
      for (const log of logs) log.flush();
    },
  };
}
