import { describe, expect, test } from "vitest";
import { summariseKnowledge } from "../../../src/answer/summarise-knowledge.ts";
import type { Article, Fact, KnowledgeBase } from "../../../src/knowledge/types.ts";
import { renderFacts } from "../../../src/slack/render/facts-blocks.ts";
import { renderHelp } from "../../../src/slack/render/help-blocks.ts";
import { limitViolations } from "../../../src/slack/render/limits.ts";
import { renderNotice } from "../../../src/slack/render/notice-blocks.ts";
import { renderSources } from "../../../src/slack/render/sources-blocks.ts";
import { pingsIn, stringsIn } from "../../helpers/mrkdwn-tokens.ts";

const article = (id: string, title: string, passages: number, url?: string): Article => ({
  id,
  title,
  ...(url ? { url } : {}),
  tags: [],
  file: `articles/${id}.txt`,
  lead: "",
  hash: id,
  passages: Array.from({ length: passages }, (_, i) => ({
    id: `${id}#${i + 1}`,
    articleId: id,
    n: i + 1,
    text: "p",
    line: i + 3,
  })),
});

const fact = (
  subject: string,
  attribute: string,
  value: string,
  over: Partial<Fact> = {},
): Fact => ({
  id: `${subject}-${attribute}`,
  origin: "curated",
  subject,
  attribute,
  value,
  article: "pk-ir",
  paragraph: 15,
  quote: value,
  tags: [],
  file: "facts/x.yml",
  line: 1,
  ...over,
});

const articles = [article("pk-ir", "Pakistan & Iran <ties>", 16, "https://example.org/pk-ir")];
const facts = [
  fact("Gas pipeline", "length", "2,775", { unit: "km" }),
  fact("Gas pipeline", "completion due", "2014"),
  fact("Chabahar", "type", "port"),
];
const kb: KnowledgeBase = {
  articles,
  passages: articles[0]?.passages ?? [],
  facts,
  aliases: [],
  conflicts: [],
  hash: "h",
};
const counts = { articles: 1, passages: 16, facts: 3, aliases: 0 };

const shown = (message: unknown) => stringsIn(message).join("\n");

describe("help", () => {
  test("derives topics (most facts first), articles and answerable examples from the knowledge base", () => {
    expect(summariseKnowledge(kb)).toEqual({
      counts,
      articles: ["Pakistan & Iran <ties>"],
      topics: ["Gas pipeline", "Chabahar"],
      examples: ["length of Gas pipeline?", "type of Chabahar?"],
    });
  });

  test("lists usage, examples and topics, escaped, within the limits", () => {
    const message = renderHelp(summariseKnowledge(kb));
    expect(shown(message)).toContain("`/iranpak facts &lt;topic&gt;`");
    expect(shown(message)).toContain("• `/iranpak length of Gas pipeline?`");
    expect(shown(message)).toContain("• Pakistan &amp; Iran &lt;ties&gt;");
    expect(shown(message)).toContain("Gas pipeline · Chabahar");
    expect(shown(message)).toContain("1 article · 16 passages · 3 facts");
    expect(pingsIn(message)).toEqual([]);
    expect(limitViolations(message)).toEqual([]);
  });
});

describe("sources", () => {
  test("lists each article, linked, with its passage count", () => {
    const message = renderSources([...articles, article("other", "Other", 1)]);
    expect(shown(message)).toContain("*2 articles, 17 passages*");
    expect(shown(message)).toContain(
      "• *<https://example.org/pk-ir|Pakistan &amp; Iran &lt;ties&gt;>*: 16 passages",
    );
    expect(shown(message)).toContain("• *Other*: 1 passage");
  });

  test("stays within the limits for thousands of articles", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      article(`a${i}`, `Article ${i} ${"x".repeat(80)}`, 3),
    );
    expect(limitViolations(renderSources(many))).toEqual([]);
  });
});

describe("facts", () => {
  test("lists facts with values, units and citations", () => {
    const message = renderFacts("pipeline", facts.slice(0, 2), articles);
    expect(shown(message)).toContain(
      "• *Gas pipeline* · length: *2,775 km* (<https://example.org/pk-ir|Pakistan &amp; Iran &lt;ties&gt;> · ¶15)",
    );
    expect(message.text).toBe('2 facts on "pipeline"');
  });

  test("with none, names the topics that have facts and escapes the asked topic", () => {
    const message = renderFacts("<!channel> cricket", [], articles, ["Gas pipeline", "Chabahar"]);
    expect(shown(message)).toContain(
      "No facts on “&lt;!channel&gt; cricket”.\nTopics with facts: Gas pipeline · Chabahar",
    );
    expect(pingsIn(message)).toEqual([]);
  });
});

test("a notice is escaped text", () => {
  expect(renderNotice("a <!here> & b")).toEqual({
    text: "a &lt;!here&gt; &amp; b",
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: "a &lt;!here&gt; &amp; b", verbatim: true },
      },
    ],
  });
});
