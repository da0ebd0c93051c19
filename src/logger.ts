/** The logging surface the core and the app share; Bolt's logger satisfies it too. */
export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** A logger that writes `level name: message` lines to stderr, dropping levels below `level`. */
export function createLogger(name: string, level: LogLevel = "info"): Logger {
  const min = LEVELS.indexOf(level);
  const write =
    (lvl: LogLevel) =>
    (...msg: unknown[]): void => {
      if (LEVELS.indexOf(lvl) < min) return;
      console.error(`[${lvl.toUpperCase()}] ${name}:`, ...msg);
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** A logger that drops everything: for tests and quiet CLIs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
