import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { openIndexSteps, type SearchIndex } from "../../src/search/build-index.ts";
import { deserializeIndex, serializeIndex } from "../../src/search/persist-index.ts";
import { runSteps } from "../../src/util/cooperative.ts";
import { file, textArticle } from "../knowledge/fixtures.ts";

/** A tiny knowledge base: five paragraphs, two facts, one alias group. */
export function tinyKnowledge(): KnowledgeBase {
  return buildKnowledgeBase([
    textArticle("articles/ties.txt", "Ties Between Neighbours", [
      "Pakistan and Iran share a 959km border. Smugglers move opium across the border.",
      "Pakistan and Iran signed a gas pipeline deal. The pipeline was due to be completed in 2014.",
      "General Bajwa visited Tehran for a two-day trip. He met the Foreign Minister.",
      "Pakistan and Iran discussed trade at length. Iran sells electricity to Pakistan.",
      "Cricket is popular in Pakistan and Iran alike.",
    ]),
    file(
      "facts/border.yml",
      [
        "- id: border-length",
        "  subject: Iran–Pakistan border",
        "  attribute: length",
        "  value: 959",
        "  unit: km",
        "  source: ties#1",
        '  quote: "a 959km border"',
        "  tags: [border, geography]",
        "- id: pipeline-due",
        "  subject: Gas pipeline",
        "  attribute: due to be completed",
        "  value: 2014",
        "  source: ties#2",
        '  quote: "due to be completed in 2014"',
        "  tags: [pipeline, gas]",
      ].join("\n"),
    ),
    file("aliases.yml", "- [Qamar Javed Bajwa, Bajwa, COAS, Army Chief]\n"),
  ]);
}

/** The index as written to disk and read back: what a restart serves. */
export function reloaded(index: SearchIndex): SearchIndex {
  const read = deserializeIndex(Buffer.concat([...serializeIndex(index)]), index.kb);
  if (read.status !== "ok") throw new Error(`the persisted index did not load: ${read.reason}`);
  return runSteps(openIndexSteps(index.kb, read.flat));
}
