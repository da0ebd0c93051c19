import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractArticleFacts } from "../../src/knowledge/extract-facts.ts";
import { parseArticle } from "../../src/knowledge/parse-article.ts";
import type { Article, Fact } from "../../src/knowledge/types.ts";
import { findQuote } from "../../src/text/normalise.ts";
import { textArticle } from "./fixtures.ts";

function articleOf(paragraphs: readonly string[], title = "Gas Deal"): Article {
  const { article } = parseArticle(textArticle("articles/deal.txt", title, paragraphs));
  if (article === undefined) throw new Error("fixture article did not parse");
  return article;
}

const factsOf = (...paragraphs: string[]) => extractArticleFacts(articleOf(paragraphs));

/** "subject · attribute: value unit", the way a reader checks a fact. */
const said = (fact: Fact) =>
  `${fact.subject} · ${fact.attribute}: ${fact.value}${fact.unit === undefined ? "" : ` ${fact.unit}`}`;
const saidIn = (...paragraphs: string[]) => factsOf(...paragraphs).map(said);

describe("extractArticleFacts", () => {
  describe("only what the text asserts, of the subject of its own clause", () => {
    const values = (...paragraphs: string[]) => factsOf(...paragraphs).map((f) => f.value);

    it("gives the part after a semicolon its own subject: Gwadar has 5 berths, not 10", () => {
      const facts = factsOf("Gwadar has 5 berths; the Chabahar port has 10.");
      expect(facts.filter((f) => f.subject === "Gwadar").map((f) => f.value)).toEqual(["5"]);
      expect(facts.find((f) => f.value === "10")?.subject).toMatch(/Chabahar/);
      expect(facts.find((f) => f.value === "10")?.quote).toBe("the Chabahar port has 10.");
    });

    it("reads no fact from a claim the sentence calls wrong or denies", () => {
      expect(values("Critics wrongly claimed the pipeline was 5,000 km long; it is not.")).toEqual(
        [],
      );
      expect(values("Some said the pipeline was 5,000 km long; that is false.")).toEqual([]);
    });

    it("reads no date from a negated clause: 'will not be completed before 2030'", () => {
      expect(values("The Pakistani section will not be completed before 2030.")).toEqual([]);
    });

    it("reads no fact from hedges, plans and conditions, but keeps 'will' and a later 'if'", () => {
      expect(
        values(
          "Gwadar could reach 30 berths by 2045.",
          "If the deal is approved, the port will have 40 berths.",
          "Smugglers may move 10,000 tonnes of fuel a month.",
          "India plans to invest $500 million in Chabahar.",
        ),
      ).toEqual([]);
      expect(values("The port will open 12 berths in May 2026.")).toContain("12");
      expect(values("Fees are £30m a year, with more paid if targets are met.")).toContain("£30m");
    });
  });

  describe("quantities", () => {
    it("reads a measure that modifies a noun as that noun's dimension", () => {
      expect(
        saidIn("Rouhani asked Pakistan to expedite work on the 2,775km gas pipeline."),
      ).toContain("gas pipeline · length: 2,775 km");
    });

    it("reads a count after a noun and 'of' as that noun, with the counted thing as unit", () => {
      expect(saidIn("In 1081, Robert Guiscard landed with an army of 30,000 men.")).toContain(
        "Robert Guiscard · army: 30,000 men",
      );
    });

    it("reads money, durations and flows with their units", () => {
      const facts = saidIn(
        "The deal is worth $7 billion over 25 years.",
        "The line will carry 750 million cubic feet a day of gas.",
      );
      expect(facts).toContain("Gas Deal · worth: $7 billion");
      expect(facts).toContain("Gas Deal · duration: 25 years");
      expect(facts).toContain("Gas Deal · will carry: 750 million cubic feet a day");
    });

    it("reads percentages, number words and counts of things", () => {
      const facts = saidIn(
        "About 36% of households had the service.",
        "General Bajwa made a two-day trip to Tehran.",
        "Southern California comprises 10 counties.",
      );
      expect(facts).toContain("Gas Deal · share of households: 36%");
      expect(facts).toContain("trip · duration: 2 days");
      expect(facts).toContain("Southern California · number of counties: 10");
    });

    it("does not count what a number word after 'the' points back to", () => {
      expect(saidIn("Relations between the two neighbours have been muted.")).toEqual([]);
    });
  });

  describe("dates", () => {
    it("names the event a year belongs to", () => {
      const facts = saidIn(
        "The Iran-Pakistan Gas Pipeline, which was due to be completed in 2014, has seen no progress.",
        "The Duchy of Normandy was founded in 911.",
        "The treaty was signed by both countries in 1950.",
      );
      expect(facts).toContain("Iran-Pakistan Gas Pipeline · due to be completed: 2014");
      expect(facts).toContain("Duchy of Normandy · founded: 911");
      expect(facts).toContain("Gas Deal · signed by both countries: 1950");
    });

    it("reads full dates, months, decades and centuries, and the event after a fronted date", () => {
      const facts = saidIn(
        "On 27 September 2001, Sky launched its service.",
        "Robert Crispin led the Normans in the 1060s.",
        "The Normans gave their name to Normandy in the 10th and 11th centuries.",
        "In February 1082, the garrison surrendered.",
      );
      expect(facts).toContain("Sky · launched its service: 27 September 2001");
      expect(facts).toContain("Robert Crispin · led the Normans: 1060s");
      expect(facts).toContain("Normans · gave their name to Normandy: 10th and 11th centuries");
      expect(facts.some((f) => f.endsWith(": February 1082"))).toBe(true);
    });

    it("does not read a number in a name or a count as a year", () => {
      const facts = saidIn("Channel 4 HD reached 2000 homes.");
      expect(facts.some((f) => /date|: 4$/.test(f))).toBe(false);
    });
  });

  describe("people", () => {
    it("reads titles before names, possessive and multi-word titles included", () => {
      const facts = saidIn(
        "The General met Foreign Minister Javad Zarif and Pakistan’s Army Chief General Qamar Javed Bajwa.",
        "He also met Iran’s Chief of Staff Mohammad Hossein Baqeri.",
      );
      expect(facts).toContain("Javad Zarif · role: Foreign Minister");
      expect(facts).toContain("Qamar Javed Bajwa · role: Pakistan’s Army Chief General");
      expect(facts).toContain("Mohammad Hossein Baqeri · role: Iran’s Chief of Staff");
    });

    it("reads appositive roles", () => {
      expect(
        saidIn("Reza Hashemi, the country's ambassador in Islamabad, said the talks went well."),
      ).toContain("Reza Hashemi · role: the country's ambassador in Islamabad");
    });

    it("takes a titled subject to be the person, for the sentence's other facts", () => {
      expect(saidIn("President Hassan Rouhani visited Lahore in 2019.")).toContain(
        "Hassan Rouhani · visited Lahore: 2019",
      );
    });
  });

  describe("routes, lists and ranks", () => {
    it("reads routes from a name to a name", () => {
      expect(saidIn("Iran is the main drug trade route from Afghanistan to Europe.")).toContain(
        "Iran · drug trade route: from Afghanistan to Europe",
      );
    });

    it("reads lists after verbs like 'covered' and 'including'", () => {
      const facts = saidIn(
        "The agenda covered trade, security and the Afghan peace process.",
        "Victoria has many sports, including cricket, rugby and tennis.",
      );
      expect(facts).toContain("Gas Deal · covered: trade, security and the Afghan peace process");
      expect(facts).toContain("Victoria · including: cricket, rugby and tennis");
    });

    it("reads superlatives, with what comes first", () => {
      const facts = saidIn(
        "Karachi is the largest city in Pakistan. Lahore is the second-largest city after Karachi.",
      );
      expect(facts).toContain("Karachi · rank: largest city in Pakistan");
      expect(facts).toContain("Lahore · rank: second-largest city after Karachi");
    });
  });

  describe("subjects", () => {
    it("resolves 'the line', 'that extension' and 'it' to the paragraph's subject", () => {
      const facts = saidIn(
        "The Iran-Pakistan Gas Pipeline was agreed in 1995. The line will cost $7 billion. It was due in 2014.",
        "That extension was approved in 2012.",
      );
      expect(facts).toContain("Iran-Pakistan Gas Pipeline · will cost: $7 billion");
      expect(facts).toContain("Iran-Pakistan Gas Pipeline · due: 2014");
      // A new paragraph without a named subject falls back to the article's.
      expect(facts).toContain("Gas Deal · approved: 2012");
    });

    it("never takes a function word, a sentence adverb or a conjunction that opens a sentence for its subject", () => {
      const facts = factsOf(
        "Gwadar port opened in 2007. More than 50% of its cargo is fish. Within two months, the port handled 400,000 tonnes. Two of its berths cost $5 million. Prior to 2010, Gwadar had 3 berths. Politically, Gwadar has 37 seats. And Gwadar had 4 cranes.",
      );
      expect(facts.map((f) => f.value)).toEqual(
        expect.arrayContaining(["2007", "50%", "400,000", "$5 million", "3", "37", "4"]),
      );
      expect(facts.map((f) => f.subject)).toEqual(facts.map(() => "Gwadar"));
    });

    it("resolves 'the ground' to the name met earlier in the paragraph that it ends", () => {
      expect(
        saidIn("The Melbourne Cricket Ground opened in 1853. The ground holds 100,000 people."),
      ).toContain("Melbourne Cricket Ground · number of people: 100,000");
    });
  });

  it("gives each fact a citation: id, origin, article, paragraph, file, line and tags", () => {
    const [fact] = factsOf("Intro without numbers.", "The abbey was founded in 911.");
    expect(fact).toMatchObject({
      id: "deal#2.x1",
      origin: "extracted",
      article: "deal",
      paragraph: 2,
      file: "articles/deal.txt",
      line: 5,
      quote: "The abbey was founded in 911.",
    });
    expect(fact?.tags).toContain("date");
  });

  it("skips the paragraphs it is told to", () => {
    const article = articleOf(["Founded in 911.", "Closed in 1204."]);
    const facts = extractArticleFacts(article, (n) => n === 1);
    expect(facts.map((f) => f.paragraph)).toEqual([2]);
  });

  it("quotes only the clauses around the value in a long sentence", () => {
    const long = `${"The region, which lies along the coast and has many towns, ".repeat(4)}was settled in 1788, and it grew quickly after the gold rush of the following century.`;
    const [fact] = factsOf(long);
    expect(fact?.value).toBe("1788");
    expect(fact?.quote.length).toBeLessThan(long.length);
    expect(fact?.quote).toContain("1788");
  });

  it("quotes every fact verbatim from its paragraph, whatever the sentence", () => {
    const pieces = [
      "The",
      "pipeline",
      "Foreign Minister Javad Zarif",
      "from Iran to India",
      "in 2014",
      "2,775km",
      "$7 billion",
      "30,000 men",
      "36%",
      "the second-largest city after Karachi",
      "including A, B and C",
      ",",
      ".",
      "’s",
      "it",
      "was",
      "(",
      ")",
      "–",
      "\n",
      "  ",
    ];
    const sentence = fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 })), { maxLength: 30 })
      .map((parts) => parts.join(" "));
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 3 }), (paragraphs) => {
        const texts = paragraphs.map((p) => `Start ${p.replace(/\n{2,}/g, "\n")} end.`);
        const article = articleOf(texts);
        for (const fact of extractArticleFacts(article)) {
          const passage = article.passages[fact.paragraph - 1];
          expect(passage).toBeDefined();
          expect(findQuote(passage?.text ?? "", fact.quote)).toBeDefined();
          expect(fact.value.trim()).not.toBe("");
          expect(fact.attribute.trim()).not.toBe("");
        }
      }),
      { numRuns: 300 },
    );
  });
});
