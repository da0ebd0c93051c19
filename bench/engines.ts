import type { LatencySummary } from "./stats.ts";

export type EngineName = "iranpak" | "minisearch-default";
export const ENGINES: readonly EngineName[] = ["iranpak", "minisearch-default"];

export interface Hit {
  id: string;
  text: string;
}

export interface BenchEngine {
  /** The top `limit` passages for a query, best first. */
  search(query: string): Hit[];
  /** What the engine does by itself once it serves (the bot: a second after ready). */
  warmUp?(): Promise<void>;
}

export interface EngineSetup {
  knowledgeDir: string;
  /** Where the engine persists its index; empty for a cold start. */
  cacheDir: string;
  /** Results asked for per query. */
  limit: number;
}

export interface BuildFigures {
  /** Reading and parsing the knowledge folder, ms. */
  loadMs: number;
  /** Indexing the passages already in memory, ms. */
  buildMs: number;
}

export interface ReloadFigures {
  /** The reload succeeded and the new article is served. */
  ok: boolean;
  /** reload() called to resolved, ms. */
  reloadMs: number;
  /** Questions answered meanwhile, one every few milliseconds. */
  answered: number;
  askLatencyMs: LatencySummary;
  /** The longest the event loop was held up: how long an incoming request could wait. */
  maxEventLoopDelayMs: number;
  p99EventLoopDelayMs: number;
  /** What the service logged during the reload (progress). */
  logLines: string[];
}

export interface EngineModule {
  /** Starts as a served bot would: reuse the persisted index when it matches, else build it. */
  openEngine(setup: EngineSetup): Promise<BenchEngine>;
  /** Load and index build alone, in memory, nothing persisted: the raw build cost. */
  measureBuild(knowledgeDir: string): Promise<BuildFigures>;
  /** Only the bot's engine reloads; default MiniSearch has nothing to compare it with. */
  measureReload?(setup: EngineSetup, questions: string[]): Promise<ReloadFigures>;
}

/**
 * Imported on demand, so that a process measuring one engine does not also load (and pay the
 * start-up time of) the other's modules.
 */
export function importEngine(name: EngineName): Promise<EngineModule> {
  return name === "iranpak" ? import("./engine-iranpak.ts") : import("./engine-minisearch.ts");
}
