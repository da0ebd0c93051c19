import { afterEach, describe, expect, it } from "vitest";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import type { KnowledgeService } from "../../src/live-index/types.ts";
import { warmUpAnswers } from "../../src/slack/warm-up.ts";
import { articleText, BORDER_FACT_YAML, createKnowledgeDir } from "../helpers/knowledge-dir.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The knowledge service, with every question it is asked written down. */
function recordingQuestions(service: KnowledgeService, asked: string[]): KnowledgeService {
  return {
    ...service,
    ask: (question, options) => {
      asked.push(question);
      return service.ask(question, options);
    },
  };
}

describe("warming up the answer path before the app listens", () => {
  it("asks about the first fact's subject once the knowledge is ready", async () => {
    const folder = await createKnowledgeDir({
      "articles/ties.txt": articleText("Iran and Pakistan share a border", [
        "The two neighbours share a 959km border.",
      ]),
      "facts/border.yml": BORDER_FACT_YAML,
    });
    cleanups.push(folder.remove);
    const service = createKnowledgeService({ dir: folder.dir, watch: false });
    cleanups.push(() => service.close());
    const asked: string[] = [];

    await warmUpAnswers(recordingQuestions(service, asked));

    expect(asked).toEqual(["Iran–Pakistan border"]);
    expect(service.ask(asked[0] as string).results.some((r) => r.kind === "fact")).toBe(true);
  });

  it("answers the first article's title when there are no facts", async () => {
    const folder = await createKnowledgeDir({
      "articles/ties.txt": articleText("Iran and Pakistan share a border", [
        "The two neighbours share a 959km border.",
      ]),
    });
    cleanups.push(folder.remove);
    const service = createKnowledgeService({ dir: folder.dir, watch: false });
    cleanups.push(() => service.close());
    const asked: string[] = [];

    await warmUpAnswers(recordingQuestions(service, asked));

    expect(asked).toEqual(["Iran and Pakistan share a border"]);
    expect(service.ask(asked[0] as string).results.length).toBeGreaterThan(0);
  });
});
