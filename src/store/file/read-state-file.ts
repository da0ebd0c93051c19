import { readFileSync } from "node:fs";
import type { Logger } from "../../log/logger.ts";

/**
 * A state file's text, or undefined when it is missing or can't be read (reported, naming
 * `what` it holds): the caller then starts from nothing rather than stop.
 */
export function readStateFile(path: string, what: string, logger: Logger): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      logger.warn(`${path}: can't read ${what} (${(error as Error).message})`);
    }
    return undefined;
  }
}
