import { describe, expect, it } from "vitest";
import { factsBySubject, quotePassages } from "../../src/answer/quotes.ts";
import type { AnswerResult } from "../../src/answer/types.ts";

const PIPELINE =
  "Rouhani asked Pakistan to expedite work on the 2,775km gas pipeline. He said the pipeline has been laid until the Pakistani border. Talks go on.";

const cite = (paragraph: number) => ({
  docId: `pakistan-iran#${paragraph}`,
  title: "Pakistan and Iran",
  paragraph,
});

/** A result quoting `snippet` out of `passage`, its `marked` words marked. */
function result(
  kind: AnswerResult["kind"],
  snippet: string,
  over: Partial<AnswerResult> & { marked?: string[] } = {},
): AnswerResult {
  const { marked = [], ...rest } = over;
  const marks = marked.map((word) => {
    const at = snippet.indexOf(word);
    return [at, at + word.length] as const;
  });
  return {
    kind,
    snippet,
    marks,
    passage: PIPELINE,
    citation: cite(15),
    score: 1,
    ...rest,
  };
}

const fact = (attribute: string, value: string, snippet: string, subject = "Gas pipeline") =>
  result("fact", snippet, {
    value,
    fact: { id: attribute, origin: "curated", subject, attribute, value },
  });

const FIRST = "Rouhani asked Pakistan to expedite work on the 2,775km gas pipeline.";
const SECOND = "He said the pipeline has been laid until the Pakistani border.";

describe("quotePassages", () => {
  it("quotes a passage once, with every fact that quotes it under the one citation", () => {
    const quotes = quotePassages([
      fact("length", "2,775 km", FIRST),
      fact("laid as far as", "the Pakistani border", SECOND),
      result("passage", SECOND, { marked: ["pipeline"] }),
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.citation).toEqual(cite(15));
    expect(quotes[0]?.facts.map((f) => f.value)).toEqual(["2,775 km", "the Pakistani border"]);
    expect(quotes[0]?.snippet).toBe(`${FIRST} ${SECOND}`);
  });

  it("keeps every quote a verbatim piece of its passage, with the marks on the words marked", () => {
    const [quote] = quotePassages([
      fact("length", "2,775 km", FIRST),
      result("passage", SECOND, { marked: ["pipeline", "border"] }),
    ]);
    expect(PIPELINE).toContain(quote?.snippet);
    const marked = quote?.marks.map(([s, e]) => quote.snippet.slice(s, e));
    expect(marked).toEqual(["pipeline", "border"]);
  });

  it("keeps the passages no fact quotes as quotes of their own, in the order they come", () => {
    const other = result("passage", "Cricket is popular.", {
      passage: "Cricket is popular.",
      citation: cite(3),
    });
    const quotes = quotePassages([fact("length", "2,775 km", FIRST), other]);
    expect(quotes.map((q) => [q.citation.paragraph, q.facts.length])).toEqual([
      [15, 1],
      [3, 0],
    ]);
    expect(quotes[1]?.snippet).toBe("Cricket is popular.");
  });

  it("keeps a fact's quote whole, and adds the passage's own sentence only while it fits", () => {
    const [quote] = quotePassages(
      [fact("length", "2,775 km", FIRST), result("passage", "Talks go on.")],
      FIRST.length + 5,
    );
    expect(quote?.snippet).toBe(FIRST);
  });

  it("scores a quote by the best result it shows", () => {
    const [quote] = quotePassages([
      { ...fact("length", "2,775 km", FIRST), score: 2 },
      result("passage", SECOND, { score: 7 }),
    ]);
    expect(quote?.score).toBe(7);
  });
});

describe("factsBySubject", () => {
  it("names each subject once, its facts after it in the order they come", () => {
    const groups = factsBySubject([
      fact("length", "2,775 km", FIRST),
      fact("met", "Zarif", FIRST, "Bajwa's visit"),
      fact("laid as far as", "the border", SECOND),
    ]);
    expect(groups.map((g) => [g.subject, g.facts.map((f) => f.value)])).toEqual([
      ["Gas pipeline", ["2,775 km", "the border"]],
      ["Bajwa's visit", ["Zarif"]],
    ]);
  });
});
