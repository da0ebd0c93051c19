import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { loadKnowledge } from "../src/knowledge/load.ts";
import type { KnowledgeBase } from "../src/knowledge/types.ts";
import type { BenchEngine, BuildFigures, EngineSetup } from "./engines.ts";

/** MiniSearch exactly as its README shows it: one field, default tokenizer, OR, no fuzzy. */
const MINISEARCH_DEFAULT_OPTIONS = { fields: ["text"], storeFields: ["text"] };

type PassageDocument = { id: string; text: string };

function buildMiniSearchDefault(knowledge: KnowledgeBase): MiniSearch<PassageDocument> {
  const index = new MiniSearch<PassageDocument>(MINISEARCH_DEFAULT_OPTIONS);
  index.addAll(knowledge.passages.map((p) => ({ id: p.id, text: p.text })));
  return index;
}

/**
 * Default MiniSearch with the same persistence as the bot: read the knowledge folder (its
 * content hash names the index file), then load the persisted index or build and save it.
 */
export async function openEngine(setup: EngineSetup): Promise<BenchEngine> {
  const knowledge = await loadKnowledge(setup.knowledgeDir);
  const file = join(setup.cacheDir, `minisearch-default-${knowledge.hash}.json`);
  let index: MiniSearch<PassageDocument>;
  if (existsSync(file)) {
    index = MiniSearch.loadJSON(readFileSync(file, "utf8"), MINISEARCH_DEFAULT_OPTIONS);
  } else {
    index = buildMiniSearchDefault(knowledge);
    mkdirSync(setup.cacheDir, { recursive: true });
    writeFileSync(file, JSON.stringify(index));
  }
  return {
    search: (query) =>
      index
        .search(query)
        .slice(0, setup.limit)
        .map((r) => ({ id: String(r.id), text: String(r.text) })),
  };
}

export async function measureBuild(knowledgeDir: string): Promise<BuildFigures> {
  const started = performance.now();
  const knowledge = await loadKnowledge(knowledgeDir);
  const loaded = performance.now();
  buildMiniSearchDefault(knowledge);
  return { loadMs: loaded - started, buildMs: performance.now() - loaded };
}
