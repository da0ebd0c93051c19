import MiniSearch from "minisearch";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { RankedAnswer } from "./squad.ts";

/**
 * MiniSearch with its default options, one passage a document: the yardstick every engine
 * change is measured against (shared/eval/squad-dev/SOURCE.md reports it at 0.767 hit@1).
 */
export function createDefaultMiniSearch(kb: KnowledgeBase): (question: string) => RankedAnswer {
  const mini = new MiniSearch<{ id: string; text: string }>({ fields: ["text"] });
  mini.addAll(kb.passages.map((p) => ({ id: p.id, text: p.text })));
  return (question) => {
    const docIds = mini.search(question).map((r) => String(r.id));
    return { docIds, topFactValues: [], nothing: docIds.length === 0 };
  };
}
