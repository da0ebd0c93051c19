import { inspect } from "node:util";
import pino from "pino";
import { createPrettyDestination, type LineSink } from "./pretty.ts";
import { REDACT_PATHS, REDACTED, redactText } from "./redact.ts";

/** The logging surface the core and the app share; Bolt's logger satisfies it too. */
export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  /**
   * A logger whose lines also carry `context` (JSON fields, `key=value` on a terminal). Loggers
   * without one (Bolt's, the tests') still work: use `withContext`.
   */
  child?(context: LogContext): Logger;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Fields a line carries besides its message: what was handled, how it went, how long it took. */
export type LogContext = Record<string, string | number | boolean | undefined>;

/** `json`: one JSON object a line (production, log collectors). `pretty`: for a terminal. */
export type LogFormat = "json" | "pretty";

export interface LoggerOptions {
  /** Default: `pretty` when stderr is a terminal, else `json`. */
  format: LogFormat;
  /** Exact strings never written (the configured tokens and secrets): each shows as [Redacted]. */
  secrets: readonly string[];
  /** Where lines go. Default: stderr, written synchronously so the last lines survive an exit. */
  destination: LineSink;
}

/**
 * A logger on pino: lines with time, level, name and context; Slack tokens, the given secrets and
 * secret-named fields redacted; levels below `level` dropped. Messages are joined as
 * `console.log` would (errors with their stack), so callers keep passing plain strings.
 */
export function createLogger(
  name: string,
  level: LogLevel = "info",
  options: Partial<LoggerOptions> = {},
): Logger {
  const format = options.format ?? (process.stderr.isTTY ? "pretty" : "json");
  const destination =
    format === "pretty"
      ? createPrettyDestination(options.destination ?? process.stderr, {
          colour: options.destination === undefined && process.stderr.isTTY === true,
        })
      : (options.destination ?? pino.destination({ dest: 2, sync: true }));
  const root = pino(
    {
      name,
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not pino's numbers: what people and log collectors search for.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    },
    destination,
  );
  return wrap(root, options.secrets ?? []);
}

/**
 * A child is the same pino logger with `context` merged into each line it writes: pino's own
 * children cost a few microseconds each to make, and the request log makes one per request,
 * usually at a level nothing is written at.
 */
function wrap(log: pino.Logger, secrets: readonly string[], context?: LogContext): Logger {
  const at =
    (level: LogLevel) =>
    (...msg: unknown[]): void => {
      if (!log.isLevelEnabled(level)) return;
      const text = redactText(messageOf(msg), secrets);
      if (context === undefined) log[level](text);
      else log[level](redactContext(context, secrets), text);
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (more) => wrap(log, secrets, { ...context, ...more }),
  };
}

/** The arguments as one message: strings as they are, anything else as `console.log` shows it. */
function messageOf(msg: readonly unknown[]): string {
  return msg.map((part) => (typeof part === "string" ? part : inspect(part))).join(" ");
}

function redactContext(context: LogContext, secrets: readonly string[]): LogContext {
  return Object.fromEntries(
    Object.entries(context).map(([key, value]) => [
      key,
      typeof value === "string" ? redactText(value, secrets) : value,
    ]),
  );
}

/**
 * `logger` with `context` on every line: its own `child` where it has one; otherwise the context
 * is appended to each message as `key=value`, so no logger loses it.
 */
export function withContext(logger: Logger, context: LogContext): Logger {
  if (logger.child) return logger.child(context);
  const suffix = Object.entries(context)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(" ");
  if (suffix === "") return logger;
  const at =
    (write: (...msg: unknown[]) => void) =>
    (...msg: unknown[]) =>
      write(...msg, `(${suffix})`);
  return {
    debug: at((...m) => logger.debug(...m)),
    info: at((...m) => logger.info(...m)),
    warn: at((...m) => logger.warn(...m)),
    error: at((...m) => logger.error(...m)),
    child: (more) => withContext(logger, { ...context, ...more }),
  };
}

/** A logger that drops everything: for tests and quiet CLIs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
