import path from "node:path";
import { createKnowledgeService } from "../live-index/knowledge-service.ts";
import { parseJsonLines } from "./json-lines.ts";
import { readText } from "./read-text.ts";

/**
 * Hand-labelled articles for the precision of the extracted facts that answers show: a
 * knowledge folder (`articles/`, `facts/`) and `labels.jsonl`, one question a line with the
 * values that answer it right (`{"q": "How many berths does Gwadar have?", "right": ["5"]}`;
 * `[]` when nothing extracted may answer it: a denied, hedged or conditional value).
 */
export const DEFAULT_EXTRACTED_FACTS_DIR = "test/fixtures/extracted-facts";

export interface LabelledQuestion {
  q: string;
  right: string[];
}

export interface ShownFact {
  question: string;
  value: string;
  right: boolean;
}

export interface ExtractedPrecision {
  questions: number;
  /** Every extracted fact shown as an answer (not those only under "Sources differ"). */
  shown: ShownFact[];
  /** Right shown over all shown; 1 when none were shown. */
  precision: number;
}

/** Asks the labelled questions of the labelled articles and scores the extracted facts shown. */
export async function measureExtractedPrecision(
  dir = DEFAULT_EXTRACTED_FACTS_DIR,
): Promise<ExtractedPrecision> {
  const file = path.join(dir, "labels.jsonl");
  const labels = parseJsonLines(await readText(file), file, readLabel);
  const knowledge = createKnowledgeService({ dir, watch: false });
  try {
    await knowledge.ready;
    const shown = labels.flatMap(({ q, right }) => {
      const accepted = new Set(right.map(normaliseValue));
      return knowledge
        .ask(q)
        .results.filter((r) => r.kind === "fact" && r.fact?.origin === "extracted")
        .map((r) => ({
          question: q,
          value: r.value ?? "",
          right: accepted.has(normaliseValue(r.value ?? "")),
        }));
    });
    const right = shown.filter((s) => s.right).length;
    return {
      questions: labels.length,
      shown,
      precision: shown.length === 0 ? 1 : right / shown.length,
    };
  } finally {
    await knowledge.close();
  }
}

/** "2,775 km" and "2775km" are one value. */
function normaliseValue(value: string): string {
  return value.toLowerCase().replace(/[\s,]/g, "");
}

function readLabel(value: unknown): LabelledQuestion {
  const label = value as Partial<LabelledQuestion>;
  if (typeof label.q !== "string" || !Array.isArray(label.right)) {
    throw new Error('expected {"q": string, "right": [string, …]}');
  }
  return { q: label.q, right: label.right.map(String) };
}

/** The section `npm run eval` prints, wrong facts listed so a drop can be read. */
export function formatExtractedPrecision(measured: ExtractedPrecision): string {
  const right = measured.shown.filter((s) => s.right).length;
  const wrong = measured.shown.filter((s) => !s.right);
  return [
    `## ${DEFAULT_EXTRACTED_FACTS_DIR}: extracted facts shown as answers, hand-labelled`,
    "",
    "| measure | score |",
    "|---|---|",
    `| questions | ${measured.questions} |`,
    `| precision of the extracted facts shown | ${measured.precision.toFixed(3)} (${right}/${measured.shown.length}) |`,
    "",
    ...wrong.map((w) => `Wrong: ${w.question} → ${w.value}`),
    ...(wrong.length === 0 ? [] : [""]),
  ].join("\n");
}
