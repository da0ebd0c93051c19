import { isMap, isScalar, isSeq, type Node } from "yaml";
import type { Problem } from "../errors.ts";
import { checkSchema } from "./check-schema.ts";
import { fileStem, type KnowledgeFile } from "./knowledge-file.ts";
import { type FactEntry, factSchema, SOURCE_PATTERN } from "./schema.ts";
import type { Fact } from "./types.ts";
import { nodeAt, parseYaml, type YamlSource } from "./yaml-lines.ts";

/** A fact and the lines its cross-file checks report at. */
export interface ParsedFact {
  fact: Fact;
  /** Display path of the file, for messages. */
  path: string;
  sourceLine: number;
  quoteLine: number;
}

export interface ParsedFacts {
  facts: ParsedFact[];
  problems: Problem[];
}

/** Keys whose numbers are kept as written (`1.50`, `2019`) rather than as YAML reads them. */
const VERBATIM_NUMBER_KEYS = ["value", "as_of"];

/** Reads a `facts/*.yml` file: a YAML sequence of facts, each checked on its own. */
export function parseFacts(file: KnowledgeFile): ParsedFacts {
  const yaml = parseYaml(file.text, file.path);
  if (yaml.problems.length > 0 || yaml.root === null) return { facts: [], problems: yaml.problems };
  if (!isSeq(yaml.root)) {
    const line = yaml.lineOf(yaml.root);
    return {
      facts: [],
      problems: [{ file: file.path, line, message: "facts file must be a list of facts" }],
    };
  }
  const values = yaml.value as unknown[];
  const facts: ParsedFact[] = [];
  const problems: Problem[] = [];
  yaml.root.items.forEach((item, i) => {
    const node = item as Node;
    const value = withVerbatimNumbers(values[i], node);
    const checked = checkSchema(factSchema, value, node, yaml, file.path, "fact");
    problems.push(...checked.problems);
    if (checked.data !== undefined) facts.push(toParsedFact(checked.data, i, node, yaml, file));
  });
  return { facts, problems };
}

function withVerbatimNumbers(value: unknown, node: Node): unknown {
  if (!isMap(node) || value === null || typeof value !== "object") return value;
  const copy = { ...(value as Record<string, unknown>) };
  for (const key of VERBATIM_NUMBER_KEYS) {
    const scalar = node.get(key, true);
    if (isScalar(scalar) && typeof scalar.value === "number") {
      copy[key] = scalar.source ?? String(scalar.value);
    }
  }
  return copy;
}

function toParsedFact(
  entry: FactEntry,
  index: number,
  node: Node,
  yaml: YamlSource,
  file: KnowledgeFile,
): ParsedFact {
  // The schema has already checked the source against this pattern.
  const [, article = "", paragraph = "0"] = SOURCE_PATTERN.exec(entry.source) ?? [];
  const fact: Fact = {
    id: entry.id ?? `${fileStem(file.rel)}#${index + 1}`,
    origin: "curated",
    subject: entry.subject,
    attribute: entry.attribute,
    value: entry.value,
    ...(entry.unit === undefined ? {} : { unit: entry.unit }),
    ...(entry.as_of === undefined ? {} : { asOf: entry.as_of }),
    article,
    paragraph: Number(paragraph),
    quote: entry.quote,
    tags: entry.tags ?? [],
    file: file.rel,
    line: yaml.lineOf(node),
  };
  return {
    fact,
    path: file.path,
    sourceLine: yaml.lineOf(nodeAt(node, ["source"])),
    quoteLine: yaml.lineOf(nodeAt(node, ["quote"])),
  };
}
