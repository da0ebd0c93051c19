import type { Logger } from "../log/logger.ts";

/**
 * The last line of defence for a bot that is up and serving: a promise that fails with nobody
 * awaiting it (a listener's stray call, a library's handler) is logged, and the bot keeps
 * answering instead of exiting. Installed only once start-up has succeeded, so a failure to start
 * still stops the process with its error. Synchronous uncaught exceptions keep Node's default (the
 * process exits): after one, the state of the program is unknown, and a supervisor restarts it.
 * Returns a function that removes the net.
 */
export function installSafetyNet(logger: Logger): () => void {
  const onRejection = (reason: unknown) => {
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    logger.error(`unexpected failure, the bot keeps running: ${detail}`);
  };
  process.on("unhandledRejection", onRejection);
  return () => {
    process.off("unhandledRejection", onRejection);
  };
}
