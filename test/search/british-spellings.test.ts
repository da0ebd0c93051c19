import { describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { buildIndex } from "../../src/search/build-index.ts";
import { searchIndex } from "../../src/search/query.ts";
import { extractTerms, toTerm } from "../../src/text/terms.ts";
import { textArticle } from "../knowledge/fixtures.ts";

/** British spellings as questions use them, each beside the American one an article uses. */
const PAIRS: readonly (readonly [british: string, american: string])[] = [
  ["recognise", "recognize"],
  ["recognised", "recognized"],
  ["organisation", "organization"],
  ["organisations", "organizations"],
  ["organised", "organized"],
  ["realise", "realize"],
  ["apologised", "apologized"],
  ["criticised", "criticized"],
  ["emphasised", "emphasized"],
  ["authorised", "authorized"],
  ["privatisation", "privatization"],
  ["modernisation", "modernization"],
  ["mobilised", "mobilized"],
  ["normalisation", "normalization"],
  ["stabilise", "stabilize"],
  ["prioritise", "prioritize"],
  ["finalised", "finalized"],
  ["militarisation", "militarization"],
  ["civilisation", "civilization"],
  ["colonisation", "colonization"],
  ["globalisation", "globalization"],
  ["industrialisation", "industrialization"],
  ["nationalised", "nationalized"],
  ["analysed", "analyzed"],
  ["programme", "program"],
  ["programmes", "programs"],
  ["defence", "defense"],
  ["offence", "offense"],
  ["licence", "license"],
  ["centre", "center"],
  ["centres", "centers"],
  ["theatre", "theater"],
  ["litres", "liters"],
  ["fibre", "fiber"],
  ["labour", "labor"],
  ["labourers", "laborers"],
  ["favour", "favor"],
  ["favourable", "favorable"],
  ["honour", "honor"],
  ["neighbouring", "neighboring"],
  ["behaviour", "behavior"],
  ["harbour", "harbor"],
  ["endeavour", "endeavor"],
  ["rumours", "rumors"],
  ["travelled", "traveled"],
  ["travellers", "travelers"],
  ["cancelled", "canceled"],
  ["fuelled", "fueled"],
  ["catalogue", "catalog"],
  ["manoeuvres", "maneuvers"],
  ["judgement", "judgment"],
  ["sceptical", "skeptical"],
  ["instalment", "installment"],
  ["aluminium", "aluminum"],
];

const index = buildIndex(
  buildKnowledgeBase([
    textArticle(
      "articles/spellings.txt",
      "American spellings",
      PAIRS.map(([, american]) => `The report mentions the ${american} at length.`),
    ),
  ]),
);

describe("British spellings in questions", () => {
  it("are never reported as typos of the American spellings the knowledge uses", () => {
    const corrected = PAIRS.filter(
      ([british]) => searchIndex(index, `What about the ${british}?`).corrections.length > 0,
    ).map(([british]) => british);
    expect(PAIRS.length).toBeGreaterThanOrEqual(50);
    expect(corrected).toEqual([]);
  });

  it("find a passage that uses the American spelling", () => {
    const termsOf = (id: string | undefined) =>
      extractTerms(index.kb.passages.find((p) => p.id === id)?.text ?? "").map((t) => t.term);
    const missed = PAIRS.filter(([british, american]) => {
      const top = searchIndex(index, `What about the ${british}?`).hits[0];
      return !termsOf(top?.id).includes(toTerm(american) ?? american);
    }).map(([british]) => british);
    expect(missed).toEqual([]);
  });
});
