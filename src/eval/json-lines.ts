/**
 * Parses JSON lines with `read` checking each value; a bad line throws `file:line: why`, the
 * form every iranpak error takes.
 */
export function parseJsonLines<T>(jsonl: string, file: string, read: (value: unknown) => T): T[] {
  const out: T[] = [];
  jsonl.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    try {
      out.push(read(JSON.parse(line)));
    } catch (error) {
      throw new Error(
        `${file}:${i + 1}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  return out;
}
