/** Every `<…>` token in mrkdwn: what Slack would turn into a mention, broadcast or link. */
export function tokensIn(text: string): string[] {
  return text.match(/<[^<>]*>/g) ?? [];
}

/**
 * Every text Slack displays in a message: each string under a `text` key, in the fallback, the
 * blocks, fields and buttons (button values and ids are never displayed, so they are skipped).
 */
export function stringsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === "text" && typeof v === "string" ? [v] : stringsIn(v),
  );
}

/**
 * The tokens in a message that would ping someone: broadcasts (`<!here>`, `<!channel>`,
 * `<!everyone>`, `<!subteam…>`) and user mentions other than the `allowed` user ids.
 */
export function pingsIn(message: unknown, allowed: readonly string[] = []): string[] {
  return stringsIn(message)
    .flatMap(tokensIn)
    .filter((t) => t.startsWith("<!") || (t.startsWith("<@") && !allowed.includes(t.slice(2, -1))));
}
