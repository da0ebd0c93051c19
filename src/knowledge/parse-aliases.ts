import { isSeq, type Node } from "yaml";
import type { Problem } from "../errors.ts";
import { checkSchema } from "./check-schema.ts";
import type { KnowledgeFile } from "./knowledge-file.ts";
import { aliasGroupSchema } from "./schema.ts";
import type { AliasGroup } from "./types.ts";
import { nodeAt, parseYaml } from "./yaml-lines.ts";

/** An alias name and where it is written, for the one-group-per-name check. */
export interface AliasName {
  name: string;
  file: string;
  line: number;
}

export interface ParsedAliases {
  groups: AliasGroup[];
  names: AliasName[];
  problems: Problem[];
}

/** Reads `aliases.yml`: a YAML sequence of groups, each a sequence of names, canonical first. */
export function parseAliases(file: KnowledgeFile): ParsedAliases {
  const yaml = parseYaml(file.text, file.path);
  const parsed: ParsedAliases = { groups: [], names: [], problems: yaml.problems };
  if (yaml.problems.length > 0 || yaml.root === null) return parsed;
  if (!isSeq(yaml.root)) {
    const line = yaml.lineOf(yaml.root);
    parsed.problems.push({
      file: file.path,
      line,
      message: "aliases file must be a list of groups",
    });
    return parsed;
  }
  const values = yaml.value as unknown[];
  yaml.root.items.forEach((item, i) => {
    const node = item as Node;
    const checked = checkSchema(aliasGroupSchema, values[i], node, yaml, file.path, "alias group");
    parsed.problems.push(...checked.problems);
    if (checked.data === undefined) return;
    parsed.groups.push(checked.data);
    checked.data.forEach((name, j) => {
      parsed.names.push({ name, file: file.path, line: yaml.lineOf(nodeAt(node, [j])) });
    });
  });
  return parsed;
}
