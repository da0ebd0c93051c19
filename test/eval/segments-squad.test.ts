import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../src/answer/compose.ts";
import { parseSquadQuestions } from "../../src/eval/squad.ts";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { readKnowledgeFiles } from "../../src/knowledge/load.ts";
import { parseArticle } from "../../src/knowledge/parse-article.ts";
import { applyArticleChanges } from "../../src/knowledge/update-knowledge.ts";
import { buildIndex } from "../../src/search/build-index.ts";
import { indexRetriever } from "../../src/search/index-retriever.ts";
import { updateIndex } from "../../src/search/segments/segmented-index.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SQUAD = path.join(ROOT, "../shared/eval/squad-dev");

describe("the squad-dev articles added one by one onto the seed knowledge", () => {
  it("answer all 705 questions, and the unanswerable ones, as a full build of the same knowledge", async () => {
    const seed = await readKnowledgeFiles(path.join(ROOT, "knowledge"));
    const squad = readdirSync(path.join(SQUAD, "articles"))
      .sort()
      .map((name) => {
        // Ahead of the seed in file order: every seed document is renumbered.
        const rel = `a-squad/${name}`;
        return { path: rel, rel, text: readFileSync(path.join(SQUAD, "articles", name), "utf8") };
      });
    let grown = buildIndex(buildKnowledgeBase(seed));
    for (const file of squad) {
      const article = parseArticle(file).article;
      if (article === undefined) throw new Error(`${file.rel} does not parse`);
      grown = updateIndex(
        grown,
        applyArticleChanges(grown.kb, { upserts: [article], removals: [] }),
      );
    }
    const full = buildIndex(buildKnowledgeBase([...seed, ...squad]));
    const questions = ["questions.jsonl", "unanswerable.jsonl"].flatMap((name) => {
      const file = path.join(SQUAD, name);
      return parseSquadQuestions(readFileSync(file, "utf8"), file).map((q) => q.q);
    });
    expect(questions.length).toBeGreaterThanOrEqual(705);
    const answers = (index: typeof full) => {
      const retriever = indexRetriever(index);
      return questions.map((q) => composeAnswer(retriever, q, { limit: 10 }));
    };
    const a = answers(grown);
    const b = answers(full);
    const differing = questions.filter((_, i) => JSON.stringify(a[i]) !== JSON.stringify(b[i]));
    expect(differing).toEqual([]);
  }, 300_000);
});
