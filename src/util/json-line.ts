/** A line of a JSON Lines file as an object, or undefined when it is not one. */
export function parseJsonObject(line: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  return value as Record<string, unknown>;
}
