import { describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { border, file, problemsOf } from "./fixtures.ts";

const factsOf = (yaml: string) =>
  buildKnowledgeBase([border, file("facts/border.yml", yaml)]).facts.filter(
    (fact) => fact.origin === "curated",
  );
const problemsIn = (yaml: string) => problemsOf(() => factsOf(yaml));

describe("facts", () => {
  it("are read with their file, line and the value as written", () => {
    const facts = factsOf(
      [
        "# comment",
        "- id: border-length",
        "  subject: Iran–Pakistan border",
        "  attribute: length",
        "  value: 959",
        "  unit: km",
        "  as_of: 2019",
        "  source: border#1",
        '  quote: "the illegal drug trade along the 959km border"',
        "  tags: [border, drugs]",
        "- subject: Gas",
        "  attribute: price",
        "  value: 1.50",
        "  as_of: 2019-11",
        "  source: border#2",
        "  quote: “Tehran is ready",
      ].join("\n"),
    );
    expect(facts).toEqual([
      {
        id: "border-length",
        origin: "curated",
        subject: "Iran–Pakistan border",
        attribute: "length",
        value: "959",
        unit: "km",
        asOf: "2019",
        article: "border",
        paragraph: 1,
        quote: "the illegal drug trade along the 959km border",
        tags: ["border", "drugs"],
        file: "facts/border.yml",
        line: 2,
      },
      {
        id: "border#2",
        origin: "curated",
        subject: "Gas",
        attribute: "price",
        value: "1.50",
        asOf: "2019-11",
        article: "border",
        paragraph: 2,
        quote: "“Tehran is ready",
        tags: [],
        file: "facts/border.yml",
        line: 11,
      },
    ]);
  });

  it("match quotes after whitespace normalisation only", () => {
    const fact = (quote: string) =>
      `- subject: s\n  attribute: a\n  value: v\n  source: border#1\n  quote: "${quote}"\n`;
    expect(factsOf(fact("drug   trade along\\nthe 959km"))).toHaveLength(1);
    expect(problemsIn(fact("Drug trade along the 959km"))).toEqual([
      "knowledge/facts/border.yml:5: quote not found in passage border#1",
    ]);
  });

  it("report unknown articles, missing paragraphs and quotes at their lines", () => {
    const yaml = [
      "- subject: s",
      "  attribute: a",
      "  value: v",
      "  source: foo#2",
      "  quote: q",
      "- subject: s",
      "  attribute: a",
      "  value: v",
      "  source: border#40",
      "  quote: q",
      "- subject: s",
      "  attribute: a",
      "  value: v",
      "  source: border#2",
      "  quote: not in the passage",
    ].join("\n");
    expect(problemsIn(yaml)).toEqual([
      'knowledge/facts/border.yml:4: unknown article "foo" in source "foo#2"',
      "knowledge/facts/border.yml:9: article border has no paragraph 40",
      "knowledge/facts/border.yml:15: quote not found in passage border#2",
    ]);
  });

  it("report schema problems at the line of the key or of the fact", () => {
    const yaml = [
      "- subject: s", //        1
      "  attribute: a",
      "  value: v",
      "  source: border", //    4
      "  qoute: the 959km", //  5
      "- subject: ''", //       6
      "  attribute: [a]", //    7
      "  value: true", //       8
      "  as_of: 2019/11", //    9
      "  source: border#1",
      "  quote: the 959km",
      "  tags: [ok, {}]", //   12
      "- just a string", //    13
    ].join("\n");
    expect(problemsIn(yaml)).toEqual([
      'knowledge/facts/border.yml:1: fact is missing "quote"',
      'knowledge/facts/border.yml:4: source must be "<article-id>#<paragraph>"',
      'knowledge/facts/border.yml:5: fact has unknown key "qoute"',
      "knowledge/facts/border.yml:6: subject must not be empty",
      "knowledge/facts/border.yml:7: attribute must be text",
      "knowledge/facts/border.yml:8: value must be text or a number",
      "knowledge/facts/border.yml:9: as_of must be YYYY, YYYY-MM or YYYY-MM-DD",
      "knowledge/facts/border.yml:12: tags[1] must be text",
      "knowledge/facts/border.yml:13: fact must be a mapping of keys to values",
    ]);
  });

  it("refuse a file that is not a list, and YAML syntax errors", () => {
    expect(problemsIn("subject: s\n")).toEqual([
      "knowledge/facts/border.yml:1: facts file must be a list of facts",
    ]);
    expect(problemsIn("- subject: s\n  subject: t\n")).toEqual([
      "knowledge/facts/border.yml:2: invalid YAML: Map keys must be unique",
    ]);
  });

  it("report an anchor reused past the parser's alias limit as a problem at its first use, not a crash", () => {
    const yaml = [
      "- id: a",
      "  subject: &s Iran–Pakistan border",
      "  attribute: length",
      "  value: 959",
      "  source: border#1",
      "  quote: the illegal drug trade",
      `  tags: [${Array.from({ length: 101 }, () => "*s").join(", ")}]`,
      "",
    ].join("\n");
    expect(problemsIn(yaml)).toEqual([
      "knowledge/facts/border.yml:7: invalid YAML: Excessive alias count indicates a resource exhaustion attack",
    ]);
  });

  it("refuse explicit ids with # so that they never clash with ids by position", () => {
    const yaml =
      "- id: a#1\n  subject: s\n  attribute: a\n  value: v\n  source: border#1\n  quote: q\n";
    expect(problemsIn(yaml)).toEqual([
      "knowledge/facts/border.yml:1: id must not be empty or contain spaces or #",
    ]);
  });

  it("accept an empty file", () => {
    expect(factsOf("# nothing yet\n")).toEqual([]);
  });

  it("refuse duplicate ids, explicit or by position in files of the same name", () => {
    const fact = (id: string) =>
      `- ${id}subject: s\n  attribute: a\n  value: v\n  source: border#1\n  quote: the 959km\n`;
    const files = [
      border,
      file("facts/a.yml", `${fact("")}${fact("id: x\n  ")}`),
      file("facts/b.yml", fact("id: x\n  ")),
      file("facts/more/a.yml", fact("")),
    ];
    expect(problemsOf(() => buildKnowledgeBase(files))).toEqual([
      'knowledge/facts/b.yml:1: duplicate fact id "x" (first at knowledge/facts/a.yml:6)',
      'knowledge/facts/more/a.yml:1: duplicate fact id "a#1" (first at knowledge/facts/a.yml:1)',
    ]);
  });
});
