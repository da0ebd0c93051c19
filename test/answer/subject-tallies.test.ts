import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  changeTallies,
  type SubjectTallies,
  tallySubjectsSteps,
} from "../../src/answer/subject-tallies.ts";
import {
  summariseKnowledge,
  summariseKnowledgeSteps,
} from "../../src/answer/summarise-knowledge.ts";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { applyArticleChanges } from "../../src/knowledge/update-knowledge.ts";
import { runSteps } from "../../src/util/cooperative.ts";
import { applyStepToFolder, folderOf, step } from "../search/segments/random-changes.ts";

const bySubject = (tallies: SubjectTallies) =>
  [...tallies.values()].sort((a, b) => (a.subject < b.subject ? -1 : 1));

describe("changeTallies", () => {
  it("tallies a changed knowledge base as a walk of all its facts does, or says it cannot", () => {
    let changed = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const folder = new Map<string, string>();
        let kb = buildKnowledgeBase(folderOf(folder));
        let tallies = runSteps(tallySubjectsSteps(kb));
        for (const s of steps) {
          const changes = applyStepToFolder(folder, s);
          if (changes === undefined) continue;
          const delta = applyArticleChanges(kb, changes);
          const walked = runSteps(tallySubjectsSteps(delta.after));
          const next = changeTallies(tallies, delta);
          if (next !== undefined) {
            changed++;
            expect(bySubject(next)).toEqual(bySubject(walked));
          }
          kb = delta.after;
          tallies = walked;
        }
      }),
      { numRuns: 60 },
    );
    // Most changes are worked out from the tallies before them, not walked again.
    expect(changed).toBeGreaterThan(60);
  });

  it("summarises a changed knowledge base from its delta as from scratch", () => {
    const folder = new Map<string, string>();
    const kb = buildKnowledgeBase(folderOf(folder));
    runSteps(summariseKnowledgeSteps(kb));
    const changes = applyStepToFolder(folder, {
      kind: "put",
      name: "a.txt",
      title: "Trade",
      paragraphs: ["Trade between Pakistan and Iran reached $1.2 billion in 2016."],
    });
    const delta = applyArticleChanges(kb, changes ?? { upserts: [], removals: [] });
    const summary = runSteps(summariseKnowledgeSteps(delta.after, delta));
    expect(summary).toEqual(summariseKnowledge({ ...delta.after }));
    expect(summary.counts.articles).toBe(2);
  });
});
