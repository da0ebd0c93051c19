import type { Node } from "yaml";
import type { z } from "zod";
import type { Problem } from "../errors.ts";
import { keyNodeOf, nodeAt, type YamlSource } from "./yaml-lines.ts";

export interface Checked<T> {
  /** The parsed value, when there were no problems. */
  data?: T;
  problems: Problem[];
}

const TYPE_NOUNS: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  array: "a list",
  object: "a mapping of keys to values",
};

/**
 * Validates `value` (read from `node` of a YAML source) against `schema` and turns each zod issue
 * into a problem at the line of the YAML node it is about. `subject` names the whole value in
 * messages: `fact is missing "quote"`.
 */
export function checkSchema<S extends z.ZodType>(
  schema: S,
  value: unknown,
  node: Node | null,
  yaml: YamlSource,
  file: string,
  subject: string,
): Checked<z.output<S>> {
  const result = schema.safeParse(value, {
    error: (issue) =>
      issue.code === "invalid_type"
        ? `must be ${TYPE_NOUNS[issue.expected] ?? issue.expected}`
        : undefined,
  });
  if (result.success) return { data: result.data, problems: [] };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const target = nodeAt(node, issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const line = yaml.lineOf(keyNodeOf(target, key) ?? target);
        problems.push({ file, line, message: `${subject} has unknown key "${key}"` });
      }
      continue;
    }
    const line = yaml.lineOf(target);
    const key = issue.path.at(-1);
    if (
      issue.code === "invalid_type" &&
      key !== undefined &&
      valueAt(value, issue.path) === undefined
    ) {
      const owner = issue.path.length > 1 ? describePath(issue.path.slice(0, -1)) : subject;
      problems.push({ file, line, message: `${owner} is missing "${String(key)}"` });
      continue;
    }
    const what =
      typeof issue.path[0] === "string"
        ? describePath(issue.path)
        : `${subject}${describePath(issue.path)}`;
    problems.push({ file, line, message: `${what} ${issue.message}` });
  }
  return { problems };
}

/** `["tags", 1]` → `tags[1]`. */
function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i > 0 ? "." : ""}${String(key)}`))
    .join("");
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
