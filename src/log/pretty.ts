/**
 * Readable lines for a terminal, from pino's JSON lines: `09:41:07.123 INFO  iranpak: message
 * key=value`. Built in rather than pino-pretty (about a dozen packages) because a terminal is
 * also where production runs by hand (`docker run -it`), where dev dependencies are absent.
 */

export interface LineSink {
  write(text: string): unknown;
}

/** pino's own fields: shown as the line's head, or not at all (pid and host on a terminal). */
const HEAD_FIELDS = new Set(["time", "level", "name", "msg", "pid", "hostname"]);

const COLOURS: Record<string, string> = {
  debug: "\u001b[90m",
  info: "\u001b[32m",
  warn: "\u001b[33m",
  error: "\u001b[31m",
  fatal: "\u001b[31m",
};
const RESET = "\u001b[0m";

/** A pino destination that writes each JSON line to `out` as a readable line. */
export function createPrettyDestination(out: LineSink, options: { colour: boolean }) {
  return { write: (line: string) => void out.write(formatPrettyLine(line, options)) };
}

export function formatPrettyLine(line: string, options: { colour: boolean }): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = String(entry.level ?? "info");
  const label = level.toUpperCase().padEnd(5);
  const shown = options.colour ? `${COLOURS[level] ?? ""}${label}${RESET}` : label;
  const name = entry.name === undefined ? "" : `${String(entry.name)}: `;
  const context = Object.entries(entry)
    .filter(([key]) => !HEAD_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const tail = context.length === 0 ? "" : ` ${context.join(" ")}`;
  return `${clockTime(entry.time)} ${shown} ${name}${String(entry.msg ?? "")}${tail}\n`;
}

/** `09:41:07.123` from pino's ISO time, in the terminal's time zone. */
function clockTime(time: unknown): string {
  const date = new Date(typeof time === "string" || typeof time === "number" ? time : Date.now());
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
