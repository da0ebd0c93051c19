import { within } from "../util/within.ts";
import { DEFAULT_SLACK_DEPS, type SlackDeps } from "./deps.ts";

/**
 * `read`, or undefined once `storeWaitMs[need]` has passed or it failed (logged with `what`): a
 * reply or a view says in a plain sentence what it could not read, rather than wait on a
 * database behind a partition, which never says no.
 */
export async function readInTime<T>(
  deps: SlackDeps,
  need: "optional" | "needed",
  read: () => Promise<T>,
  what: string,
): Promise<T | undefined> {
  const wait = (deps.storeWaitMs ?? DEFAULT_SLACK_DEPS.storeWaitMs)[need];
  try {
    return await within(read(), wait, what);
  } catch (error) {
    deps.logger.warn(`replying without ${what}: ${(error as Error).message}`);
    return undefined;
  }
}
