import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/search/build-index.ts";
import {
  deserializeIndex,
  INDEX_FORMAT_VERSION,
  PersistedIndexError,
  serializeIndex,
} from "../../src/search/persist-index.ts";
import { searchIndex } from "../../src/search/query.ts";
import { tinyKnowledge } from "./fixtures.ts";

const index = buildIndex(tinyKnowledge());
const written = () => [...serializeIndex(index)];

/** Writes the checksum line again over `lines`: damage that only the counts can see. */
function reseal(lines: string[]): string[] {
  const body = lines.slice(0, -1);
  const sha256 = createHash("sha256");
  for (const line of body) sha256.update(`${line}\n`);
  return [...body, JSON.stringify({ sha256: sha256.digest("hex") })];
}

function editHeader(lines: string[], edit: (header: Record<string, unknown>) => void): string[] {
  const [first = "", ...rest] = lines;
  const header = JSON.parse(first) as Record<string, unknown>;
  edit(header);
  return [JSON.stringify(header), ...rest];
}

function loadError(lines: string[]): unknown {
  try {
    deserializeIndex(lines, index.kb);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("a persisted index", () => {
  it("starts with its version, knowledge hash and counts, and ends with a checksum of the rest", () => {
    const lines = written();
    const header = JSON.parse(lines[0] ?? "");
    expect(header).toMatchObject({
      version: INDEX_FORMAT_VERSION,
      hash: index.kb.hash,
      counts: {
        documents: index.kb.passages.length + index.kb.facts.length,
        terms: index.mini.termCount,
        lines: lines.length - 2,
      },
    });
    const sha256 = createHash("sha256");
    for (const line of lines.slice(0, -1)) sha256.update(`${line}\n`);
    expect(JSON.parse(lines.at(-1) ?? "")).toEqual({ sha256: sha256.digest("hex") });
  });

  it("loads whole, as written to a file (a final newline included)", () => {
    const loaded = deserializeIndex(`${written().join("\n")}\n`.split("\n"), index.kb);
    expect(searchIndex(loaded ?? index, "border").hits).toEqual(searchIndex(index, "border").hits);
    expect(loaded).not.toBe(index);
  });

  it("is refused, not damaged, when written by another version", () => {
    const older = editHeader(written(), (h) => {
      h.version = INDEX_FORMAT_VERSION - 1;
    });
    expect(deserializeIndex(older, index.kb)).toBeUndefined();
  });
});

describe("a damaged persisted index is refused with a PersistedIndexError", () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      "cut at a line boundary (60% of its lines kept)",
      () => {
        const lines = written();
        return lines.slice(0, Math.floor(lines.length * 0.6));
      },
      /cut short/,
    ],
    ["without its checksum line", () => written().slice(0, -1), /no checksum line/],
    [
      "with one digit changed in the postings",
      () => {
        const lines = written();
        const n = lines.findIndex((l) => l.startsWith('["'));
        const line = lines[n] ?? "";
        const at = line.search(/\d/);
        lines[n] = `${line.slice(0, at)}${(Number(line[at]) + 1) % 10}${line.slice(at + 1)}`;
        return lines;
      },
      /checksum mismatch/,
    ],
    [
      "with its document ids shifted by one",
      () =>
        written().map((line) => {
          if (!line.includes('"section":"documentIds"')) return line;
          const { entries } = JSON.parse(line) as { entries: [number, string][] };
          const shifted = entries.map(([id], i) => [id, entries[(i + 1) % entries.length]?.[1]]);
          return JSON.stringify({ section: "documentIds", entries: shifted });
        }),
      /checksum mismatch/,
    ],
    [
      "claiming more terms than it holds, checksum rewritten to match",
      () =>
        reseal(
          editHeader(written(), (h) => {
            const counts = h.counts as { terms: number };
            counts.terms += 1;
          }),
        ),
      /terms: \d+, the header says \d+/,
    ],
    [
      "with posting lines dropped and the counts and checksum rewritten to match",
      () => {
        const lines = written();
        const kept = [...lines.slice(0, -3), lines.at(-1) ?? ""];
        return reseal(
          editHeader(kept, (h) => {
            const counts = h.counts as { lines: number; terms: number };
            counts.lines -= 2;
          }),
        );
      },
      /terms: \d+, the header says \d+/,
    ],
    [
      "for a knowledge base with other documents, checksum rewritten to match",
      () =>
        reseal(
          editHeader(written(), (h) => {
            const counts = h.counts as { documents: number };
            counts.documents -= 1;
          }),
        ),
      /documents: \d+, the header says \d+/,
    ],
    ["with a line that is not JSON", () => written().with(2, '{"section":'), /line 3: not JSON/],
    [
      "with lines after the checksum line",
      () => [...written(), '["border",[0,[1,1]]]'],
      /lines after the checksum line/,
    ],
  ];

  it.each(cases)("%s", (_, damage, message) => {
    const error = loadError(damage());
    expect(error).toBeInstanceOf(PersistedIndexError);
    expect(error).toMatchObject({ code: "INDEX_DAMAGED", message: expect.stringMatching(message) });
  });
});
