/**
 * What never reaches a log line: Slack tokens in any message, the configured secrets wherever
 * they appear, and fields whose name says they hold one.
 */

export const REDACTED = "[Redacted]";

/**
 * Field names redacted wherever a structured line carries them (pino's `redact` paths, at the
 * top level and one level down).
 */
const SECRET_FIELDS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "secret",
  "password",
  "authorization",
  "salt",
];

export const REDACT_PATHS: readonly string[] = SECRET_FIELDS.flatMap((field) => [
  field,
  `*.${field}`,
]);

/**
 * Slack's token shapes (bot, user, app-level, refresh, configuration) and bearer credentials: a
 * token that slips into an error message is caught even when it is not one we configured.
 */
const TOKEN_PATTERN = /\bx(?:ox[abposer]|app)-[A-Za-z0-9-]+|\b(Bearer\s+)[^\s"']+/g;

/** `text` with every Slack token, bearer credential and given secret replaced by [Redacted]. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TOKEN_PATTERN, (_match, bearer: string | undefined) =>
    bearer === undefined ? REDACTED : `${bearer}${REDACTED}`,
  );
  for (const secret of secrets) {
    if (secret !== "" && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
