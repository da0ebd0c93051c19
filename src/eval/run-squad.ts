import path from "node:path";
import type { Answer } from "../answer/types.ts";
import { createKnowledgeService } from "../live-index/knowledge-service.ts";
import type { KnowledgeService } from "../live-index/types.ts";
import { createDefaultMiniSearch } from "./baseline.ts";
import { readText } from "./read-text.ts";
import type { EvalQuestion } from "./score.ts";
import {
  parseSquadQuestions,
  type RankedAnswer,
  type SquadMiss,
  type SquadQuestion,
  type SquadSummary,
  scoreSquad,
} from "./squad.ts";

/** Passages asked for per question: enough for MRR to see past the first page. */
const RANKED_DEPTH = 10;

export interface SquadRun {
  ours: { summary: SquadSummary; misses: SquadMiss[] };
  /** MiniSearch with its default options on the same passages. */
  baseline: { summary: SquadSummary; misses: SquadMiss[] };
  /** Questions about other knowledge that got an answer instead of "nothing". */
  offTopic: { squadOnKnowledge: SquadQuestion[]; publicOnSquad: EvalQuestion[] };
  /** Milliseconds per squad question. */
  timings: number[];
}

/**
 * Scores a squad-format folder (`articles/`, `questions.jsonl`, `unanswerable.jsonl`) with
 * iranpak and with default MiniSearch, then asks each knowledge base the other's questions.
 */
export async function runSquadEval(
  dir: string,
  publicQuestions: readonly EvalQuestion[],
  knowledge: KnowledgeService,
): Promise<SquadRun> {
  const read = async (name: string) => {
    const file = path.join(dir, name);
    return parseSquadQuestions(await readText(file), file);
  };
  const answerable = await read("questions.jsonl");
  const unanswerable = await read("unanswerable.jsonl");
  const squad = createKnowledgeService({ dir: path.join(dir, "articles"), watch: false });
  try {
    await squad.ready;
    const timings: number[] = [];
    const ask = (q: string) => {
      const started = performance.now();
      const answer = squad.ask(q, { limit: RANKED_DEPTH });
      timings.push(performance.now() - started);
      return rankAnswer(answer);
    };
    const ours = scoreSquad(answerable, unanswerable, ask, { snippets: true });
    const baseline = scoreSquad(
      answerable,
      unanswerable,
      createDefaultMiniSearch(squad.knowledge()),
      { snippets: false },
    );
    const answered = (a: Answer) => a.confidence !== "none";
    return {
      ours,
      baseline,
      offTopic: {
        squadOnKnowledge: answerable.filter((q) => answered(knowledge.ask(q.q))),
        publicOnSquad: publicQuestions.filter((q) => answered(squad.ask(q.q))),
      },
      timings,
    };
  } finally {
    await squad.close();
  }
}

/** What squad scoring reads of an answer: cited passages best first, and the top facts. */
export function rankAnswer(answer: Answer): RankedAnswer {
  return {
    docIds: answer.results.map((r) => r.citation.docId),
    ...(answer.results[0] === undefined ? {} : { topSnippet: answer.results[0].snippet }),
    topFactValues: answer.results
      .slice(0, 3)
      .filter((r) => r.kind === "fact")
      .map((r) => r.value ?? ""),
    nothing: answer.confidence === "none",
  };
}
