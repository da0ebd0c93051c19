import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";
import type { Problem } from "../errors.ts";

/** A parsed YAML text that can say on which line of its file any node starts. */
export interface YamlSource {
  /** The top-level node; `null` for an empty document or one with syntax errors. */
  root: Node | null;
  /** The document as plain values (`undefined` when `root` is null). */
  value: unknown;
  /** Syntax errors, each at its line. */
  problems: Problem[];
  /** 1-based line in the file where `node` starts. */
  lineOf(node: Node | null | undefined): number;
}

/**
 * Parses YAML that starts at line `firstLine` of `file` (front matter starts at line 2), keeping
 * line numbers so that every later problem can point at the line it is about.
 */
export function parseYaml(text: string, file: string, firstLine = 1): YamlSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineAt = (offset: number) => Math.max(1, counter.linePos(offset).line) + firstLine - 1;
  const lineOf = (node: Node | null | undefined) => lineAt(node?.range?.[0] ?? 0);
  const problems = doc.errors.map((error) => ({
    file,
    line: lineAt(error.pos[0]),
    message: `invalid YAML: ${error.message}`,
  }));
  if (problems.length > 0) return { root: null, value: undefined, problems, lineOf };
  const root = (doc.contents as Node | null) ?? null;
  try {
    return { root, value: doc.toJS(), problems, lineOf };
  } catch (error) {
    // Valid YAML the parser still refuses to turn into values: an anchor reused past its alias
    // limit (a "billion laughs" guard) is the one known case. It is the file's problem, not a crash.
    const message = error instanceof Error ? error.message : String(error);
    const problem = {
      file,
      line: lineOf(firstAlias(doc.contents)),
      message: `invalid YAML: ${message}`,
    };
    return { root: null, value: undefined, problems: [problem], lineOf };
  }
}

/** The first alias (`*name`) in document order: where an alias problem is reported. */
function firstAlias(contents: unknown): Node | undefined {
  let found: Node | undefined;
  visit(contents as Node, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * The deepest node along `path` (map keys and sequence indexes), so that a problem about a missing
 * key points at the mapping that lacks it.
 */
export function nodeAt(root: Node | null, path: readonly PropertyKey[]): Node | null {
  let node = root;
  for (const key of path) {
    const next = childOf(node, key);
    if (next === undefined) break;
    node = next;
  }
  return node;
}

/** The key node of `key` in a mapping: where an unknown key is reported. */
export function keyNodeOf(map: Node | null, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return isScalar(pair?.key) ? pair.key : undefined;
}

function childOf(node: Node | null, key: PropertyKey): Node | undefined {
  if (isSeq(node) && typeof key === "number") return asNode(node.items[key]);
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
    return asNode(pair?.value);
  }
  return undefined;
}

function asNode(value: unknown): Node | undefined {
  return value !== null && typeof value === "object" && "range" in value
    ? (value as Node)
    : undefined;
}
