import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { LogLevel as Level, Logger } from "../log/logger.ts";

/** Bolt's logger interface over iranpak's, so Bolt's own warnings land in the same log. */
export function boltLogger(logger: Logger, level: Level): BoltLogger {
  const levels: Record<Level, LogLevel> = {
    debug: LogLevel.DEBUG,
    info: LogLevel.INFO,
    warn: LogLevel.WARN,
    error: LogLevel.ERROR,
  };
  return {
    debug: (...msg) => logger.debug(...msg),
    info: (...msg) => logger.info(...msg),
    warn: (...msg) => logger.warn(...msg),
    error: (...msg) => logger.error(...msg),
    // iranpak's logger filters by the configured level already; Bolt only asks what it is.
    setLevel: () => {},
    getLevel: () => levels[level],
    setName: () => {},
  };
}
