import { expect, test } from "vitest";
import type { AddedArticleSummary } from "../../../src/ingest/add-types.ts";
import { MAX_HAND_ADD_LINES } from "../../../src/slack/render/hand-adds-blocks.ts";
import { limitViolations } from "../../../src/slack/render/limits.ts";
import { renderSources } from "../../../src/slack/render/sources-blocks.ts";
import { knowledgeBase } from "../../digest/fixtures.ts";
import { pingsIn, stringsIn } from "../../helpers/mrkdwn-tokens.ts";

const handAdd = (i: number, title: string): AddedArticleSummary => ({
  id: `a-${i}`,
  title,
  publisher: "<!here> & co",
  url: `https://dawn.com/${i}`,
  paragraphs: 3,
  facts: 1,
  addedAt: "2026-12-07T08:00:00.000Z",
});

test("a week of long hand adds is cut to the first ones and counted, within Slack's limits", () => {
  const adds = Array.from({ length: 300 }, (_, i) =>
    handAdd(i, `<!channel> ${"word ".repeat(800)}`),
  );
  const message = renderSources(knowledgeBase().articles, [], adds);
  const text = stringsIn(message).join("\n");
  expect(text).toContain("*300 articles added by hand in the last week*");
  expect(text).toContain(`_…and ${300 - MAX_HAND_ADD_LINES} more articles_`);
  expect(limitViolations(message)).toEqual([]);
  expect(pingsIn(message)).toEqual([]);
});

test("no hand adds this week says so, and a bot that can't add shows no such line", () => {
  const articles = knowledgeBase().articles;
  expect(stringsIn(renderSources(articles, undefined, [])).join("\n")).toContain(
    "*0 articles added by hand in the last week*",
  );
  expect(stringsIn(renderSources(articles)).join("\n")).not.toContain("added by hand");
});
