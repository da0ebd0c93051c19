import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/search/build-index.ts";
import { deserializeIndex, serializeIndex } from "../../src/search/persist-index.ts";
import { fieldLengthSteps, postingsOf } from "../../src/search/postings.ts";
import { extractTerms } from "../../src/search/terms.ts";
import { topK } from "../../src/search/top-k.ts";
import { runSteps } from "../../src/steps.ts";
import { tinyKnowledge } from "./fixtures.ts";

describe("postingsOf", () => {
  // The scorer reads MiniSearch's own structures: this fails first if an upgrade changes them.
  it("reads term frequencies, field lengths and ids from a built and from a loaded index", () => {
    const built = buildIndex(tinyKnowledge());
    const loaded = deserializeIndex(serializeIndex(built), built.kb);
    for (const index of [built, loaded]) {
      if (index === undefined) throw new Error("the persisted index did not load");
      const postings = postingsOf(index.mini);
      expect(postings.documentCount).toBe(index.kb.passages.length + index.kb.facts.length);
      const textField = postings.fieldIds.text as number;
      const border = postings.get("border")?.get(textField);
      const ids = [...(border?.keys() ?? [])].map((id) => postings.documentId(id));
      expect(ids.sort()).toEqual(["fact:border-length", "ties#1"]);
      const ties1 = [...(border?.entries() ?? [])].find(
        ([id]) => postings.documentId(id) === "ties#1",
      );
      expect(ties1?.[1]).toBe(2);
      const lengths = runSteps(fieldLengthSteps(index.mini))[textField];
      const text = index.kb.passages.find((p) => p.id === "ties#1")?.text ?? "";
      // MiniSearch counts a field's length in distinct terms.
      const distinct = new Set(extractTerms(text).map((t) => t.term)).size;
      expect(lengths?.[ties1?.[0] ?? -1]).toBe(distinct);
      expect(postings.averageFieldLength[textField]).toBeGreaterThan(0);
    }
  });

  it("finds index terms by edit distance and by prefix, without the term itself", () => {
    const postings = postingsOf(buildIndex(tinyKnowledge()).mini);
    expect(postings.fuzzy("pipelon", 1)).toEqual([["pipelin", 1]]);
    expect(postings.prefixed("electr")).toEqual(["electricity"]);
    expect(postings.prefixed("electricity")).toEqual([]);
  });
});

describe("topK", () => {
  it("returns the k best, best first, as a full sort would", () => {
    const items = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    expect(topK(items, 5, (x) => x)).toEqual([...items].sort((a, b) => b - a).slice(0, 5));
    expect(topK(items, 500, (x) => x)).toHaveLength(200);
    expect(topK(items, 0, (x) => x)).toEqual([]);
  });
});
