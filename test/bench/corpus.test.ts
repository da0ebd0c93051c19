import { describe, expect, it } from "vitest";
import { joinTokens, readBrownSentences } from "../../bench/brown.ts";
import { formatArticle, generateCorpus } from "../../bench/corpus.ts";

const SENTENCES = [
  "Alpha beta gamma delta.",
  "Epsilon zeta eta theta.",
  "Iota kappa lambda mu.",
  "Nu xi omicron pi.",
  "Rho sigma tau upsilon.",
  "Phi chi psi omega.",
  "One two three four.",
];

describe("the Brown corpus reader", () => {
  it("joinTokens glues punctuation and quotes to the words they belong to", () => {
    expect(
      joinTokens(["``", "No", "evidence", "''", ",", "he", "said", "(", "twice", ")", "."]),
    ).toBe('"No evidence", he said (twice).');
    expect(joinTokens(["Ivan", "Allen", "Jr.", "."])).toBe("Ivan Allen Jr.");
  });

  it("readBrownSentences strips every POS tag", () => {
    const sentences = readBrownSentences();
    expect(sentences.length).toBeGreaterThan(50_000);
    expect(sentences[0]).toMatch(/^The Fulton County Grand Jury said Friday/);
    expect(sentences.some((s) => /\/(at|nn|np)\b/.test(s))).toBe(false);
  });
});

describe("generateCorpus", () => {
  it("is the same for the same seed and differs for another", () => {
    const a = generateCorpus({ passages: 40, seed: 7 }, SENTENCES);
    expect(generateCorpus({ passages: 40, seed: 7 }, SENTENCES)).toEqual(a);
    expect(generateCorpus({ passages: 40, seed: 8 }, SENTENCES).passages).not.toEqual(a.passages);
  });

  it("makes passages of 3 to 6 distinct sentences with loader-style ids", () => {
    const corpus = generateCorpus({ passages: 1500, seed: 1 }, SENTENCES);
    expect(corpus.articles.map((a) => a.passages.length)).toEqual([1000, 500]);
    expect(corpus.passages[1000]?.id).toBe("brown-0002#1");
    for (const p of corpus.passages) {
      expect(p.sentences.length).toBeGreaterThanOrEqual(3);
      expect(p.sentences.length).toBeLessThanOrEqual(6);
      expect(new Set(p.sentences).size).toBe(p.sentences.length);
      expect(p.text).toBe(p.sentences.map((i) => SENTENCES[i]).join(" "));
    }
  });

  it("formatArticle writes the seed's format: title, then blank-line separated paragraphs", () => {
    const [article] = generateCorpus({ passages: 2, seed: 1 }, SENTENCES).articles;
    if (!article) throw new Error("no article");
    const paragraphs = formatArticle(article).trimEnd().split("\n\n");
    expect(paragraphs).toEqual([article.title, ...article.passages.map((p) => p.text)]);
  });
});
