import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");

/** The folders that hold the product's logic: no Slack, no database driver, no environment. */
const CORE_FOLDERS = [
  "text",
  "knowledge",
  "search",
  "answer",
  "digest",
  "questions",
  "feedback",
  "conversation",
  "ingest",
  "feeds",
  "util",
];

const IMPORT =
  /^\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

interface SourceFile {
  /** Relative to src/, with forward slashes. */
  rel: string;
  text: string;
}

function listSources(dir: string, prefix = ""): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return listSources(path.join(dir, entry.name), rel);
    if (!entry.name.endsWith(".ts")) return [];
    return [{ rel, text: readFileSync(path.join(dir, entry.name), "utf8") }];
  });
}

function importsOf(file: SourceFile): string[] {
  return [...file.text.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3] ?? "");
}

/** A file's top-level unit: its first folder under src/, or the file itself at the top. */
function unitOf(rel: string): string {
  const slash = rel.indexOf("/");
  return slash === -1 ? rel : rel.slice(0, slash);
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
}

const sources = listSources(SRC);

describe("the source tree", () => {
  it("keeps Slack, the database driver and the environment out of the core folders", () => {
    const offences = sources
      .filter((file) => CORE_FOLDERS.includes(unitOf(file.rel)))
      .flatMap((file) => [
        ...importsOf(file)
          .filter((spec) => spec.startsWith("@slack/") || spec === "pg" || spec.startsWith("pg/"))
          .map((spec) => `${file.rel} imports ${spec}`),
        ...(/\bprocess\.env\b/.test(file.text) ? [`${file.rel} reads process.env`] : []),
      ]);
    expect(offences).toEqual([]);
  });

  it("has no two folders that import each other", () => {
    const edges = new Map<string, Set<string>>();
    const example = new Map<string, string>();
    for (const file of sources) {
      const from = unitOf(file.rel);
      for (const spec of importsOf(file)) {
        const target = resolveLocal(file.rel, spec);
        if (target === undefined) continue;
        const to = unitOf(target);
        if (to === from) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)?.add(to);
        example.set(`${from}->${to}`, `${file.rel} imports ${spec}`);
      }
    }
    const cycles: string[] = [];
    for (const [from, targets] of edges) {
      for (const to of targets) {
        if (from < to && edges.get(to)?.has(from)) {
          cycles.push(`${example.get(`${from}->${to}`)}; ${example.get(`${to}->${from}`)}`);
        }
      }
    }
    expect(cycles).toEqual([]);
  });
});
