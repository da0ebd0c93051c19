import { describe, expect, it } from "vitest";
import type { Fact } from "../../src/knowledge/types.ts";
import { packFacts, unpackFacts } from "../../src/live-index/fact-lines.ts";

const fact = (n: number, extra: Partial<Fact> = {}): Fact => ({
  id: `border#${n}`,
  origin: "curated",
  subject: "Iran–Pakistan border",
  attribute: "length",
  value: `${900 + n}`,
  article: "pakistan-iran",
  paragraph: 13,
  quote: `The border is ${900 + n} km long.`,
  tags: ["border", "geography"],
  file: "facts/border.yml",
  line: n,
  ...extra,
});

/** Paragraph 13 of pakistan-iran, which quotes fact 1 and no other. */
const PASSAGE = "Officials say so. The border is 901 km long. Nobody disputes it.";
const passageTextOf = (article: string, paragraph: number) =>
  article === "pakistan-iran" && paragraph === 13 ? PASSAGE : undefined;
const noPassages = () => undefined;

describe("facts packed as a line of parsed knowledge", () => {
  it("read back equal, each repeated string written once and shared", () => {
    const facts = [
      fact(1, { unit: "km", asOf: "2019" }),
      fact(2),
      fact(3, { origin: "extracted" }),
    ];
    const line = JSON.parse(JSON.stringify(packFacts(facts, passageTextOf)));
    expect(line.strings.filter((s: string) => s === "Iran–Pakistan border")).toHaveLength(1);
    const read = unpackFacts(line, passageTextOf);
    expect(read).toEqual(facts);
    expect(read?.[0]?.subject).toBe(read?.[1]?.subject);
  });

  it("are unreadable when a fact points outside the line's strings", () => {
    const line = packFacts([fact(1)], noPassages);
    line.strings.pop();
    expect(unpackFacts(line, noPassages)).toBeUndefined();
  });

  it("keep a quote their passage holds as where it stands there, not as a copy", () => {
    const written = JSON.stringify(packFacts([fact(1), fact(2)], passageTextOf));
    expect(written).not.toContain("The border is 901 km long.");
    expect(written).toContain("The border is 902 km long.");
  });

  it("are unreadable when a quote stands beyond its passage", () => {
    const shorter = (article: string, paragraph: number) =>
      passageTextOf(article, paragraph)?.slice(0, 30);
    expect(unpackFacts(packFacts([fact(1)], passageTextOf), shorter)).toBeUndefined();
  });
});
