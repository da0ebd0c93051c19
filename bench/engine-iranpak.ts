import { loadKnowledge } from "../src/knowledge/load.ts";
import { silentLogger } from "../src/logger.ts";
import { buildIndex } from "../src/search/build-index.ts";
import { createKnowledgeService } from "../src/service/knowledge-service.ts";
import type { BenchEngine, BuildFigures, EngineSetup } from "./engines.ts";

/** The bot's own engine, behind the service the Slack app uses. */
export async function openEngine(setup: EngineSetup): Promise<BenchEngine> {
  const service = createKnowledgeService({
    dir: setup.knowledgeDir,
    cacheDir: setup.cacheDir,
    watch: false,
    logger: silentLogger,
  });
  await service.ready;
  return {
    search: (query) =>
      service
        .ask(query, { limit: setup.limit })
        .results.filter((r) => r.kind === "passage")
        .map((r) => ({ id: r.citation.docId, text: r.passage })),
  };
}

export async function measureBuild(knowledgeDir: string): Promise<BuildFigures> {
  const started = performance.now();
  const knowledge = await loadKnowledge(knowledgeDir);
  const loaded = performance.now();
  buildIndex(knowledge);
  return { loadMs: loaded - started, buildMs: performance.now() - loaded };
}
