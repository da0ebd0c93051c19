import { expect, test } from "vitest";
import { summariseKnowledge } from "../../../src/answer/summarise-knowledge.ts";
import { type HomeInput, renderHome } from "../../../src/slack/render/home-blocks.ts";
import { limitViolations, SLACK_LIMITS } from "../../../src/slack/render/limits.ts";
import { knowledgeBase, manyFacts } from "../../digest/fixtures.ts";
import { pingsIn, stringsIn } from "../../helpers/mrkdwn-tokens.ts";

const input = (over: Partial<HomeInput> = {}): HomeInput => ({
  summary: summariseKnowledge(knowledgeBase({ facts: manyFacts(3) })),
  status: { state: "ready", since: new Date("2026-11-27T08:15:00Z") },
  digest: { schedule: "09:00 UTC, every day", channels: ["C0DIGEST1"] },
  week: { asked: 12, answered: 9, topics: [{ topic: "visa", count: 4 }], foundWrong: 2 },
  ...over,
});

/** Per-block limits: a view takes 100 blocks, and no message total applies. */
const viewProblems = (blocks: never[]) =>
  limitViolations({ text: "home", blocks }).filter((p) => !/^(blocks|block text):/.test(p));

test("shows what it knows, how fresh, how to ask with examples, the digest and the week", () => {
  const view = renderHome(input());
  const text = stringsIn(view).join("\n");
  expect(view.type).toBe("home");
  expect(text).toMatch(/\*What it knows:\* \d+ articles? · \d+ passages? · \d+ facts?/);
  expect(text).toContain("*Knowledge base:* Up to date (since 2026-11-27 08:15 UTC)");
  expect(text).toContain("*Try*\n• `/iranpak ");
  expect(text).toContain("*Daily digest:* 09:00 UTC, every day, in <#C0DIGEST1>");
  expect(text).toContain("*This week:* 12 questions, 9 answered");
  expect(text).toContain("*Most asked about:* *visa* (4)");
  expect(text).toContain("*Gaps:* 3 questions with no answer, 2 answers marked not helpful");
  expect(viewProblems(view.blocks as never[])).toEqual([]);
});

test("names the problem when the knowledge base is degraded, escaped", () => {
  const reason = "knowledge/facts/x.yml:3: quote not found <!channel>";
  const text = stringsIn(
    renderHome(input({ status: { state: "degraded", reason, since: new Date() } })),
  ).join("\n");
  expect(text).toContain("Serving the last good knowledge base");
  expect(text).toContain("*Problem:* knowledge/facts/x.yml:3: quote not found &lt;!channel&gt;");
  expect(
    pingsIn(renderHome(input({ status: { state: "degraded", reason, since: new Date() } }))),
  ).toEqual([]);
});

test("whatever it is given, it stays within the Home tab's limits", () => {
  const many = Array.from({ length: 400 }, (_, i) => `C0CHANNEL${i}`);
  const view = renderHome(
    input({
      status: { state: "degraded", reason: "x".repeat(10_000), since: new Date() },
      digest: { schedule: "09:00 UTC, every day", channels: many },
      week: {
        asked: 1,
        answered: 0,
        topics: Array.from({ length: 300 }, (_, i) => ({ topic: `t${i}`, count: 1 })),
        foundWrong: 0,
      },
    }),
  );
  expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerView);
  expect(viewProblems(view.blocks as never[])).toEqual([]);
});

test("without a digest it says how to get one", () => {
  expect(stringsIn(renderHome(input({ digest: undefined }))).join("\n")).toContain(
    "*Daily digest:* not posted anywhere yet.",
  );
});
