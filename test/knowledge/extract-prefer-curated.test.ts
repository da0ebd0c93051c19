import { describe, expect, it } from "vitest";
import { preferCurated } from "../../src/knowledge/extract/prefer-curated.ts";
import type { Fact } from "../../src/knowledge/types.ts";

const fact = (over: Partial<Fact>): Fact => ({
  id: "x",
  origin: "extracted",
  subject: "Gas pipeline",
  attribute: "length",
  value: "2,775",
  unit: "km",
  article: "a",
  paragraph: 1,
  quote: "the 2,775km gas pipeline",
  tags: [],
  file: "articles/a.txt",
  line: 1,
  ...over,
});

describe("preferCurated", () => {
  const curated = fact({
    id: "c",
    origin: "curated",
    subject: "Iran–Pakistan gas pipeline",
    paragraph: 3,
  });

  it("drops an extracted fact with a curated fact's value in the same paragraph", () => {
    const same = fact({ id: "e1", paragraph: 3, subject: "pipeline", attribute: "distance" });
    expect(preferCurated([same], [curated])).toEqual([]);
  });

  it("drops an extracted fact with a curated fact's subject, attribute and value anywhere", () => {
    const restated = fact({
      id: "e2",
      article: "b",
      subject: "iran–pakistan gas pipeline",
      value: "2775",
    });
    expect(preferCurated([restated], [curated])).toEqual([]);
  });

  it("keeps extracted facts that say something else", () => {
    const other = fact({ id: "e3", paragraph: 4, value: "1,931" });
    const elsewhere = fact({ id: "e4", paragraph: 5 });
    expect(preferCurated([other, elsewhere], [curated]).map((f) => f.id)).toEqual(["e3", "e4"]);
  });
});
