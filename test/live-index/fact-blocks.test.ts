import { describe, expect, it } from "vitest";
import type { Fact } from "../../src/knowledge/types.ts";
import { packFactsBlock, unpackFactsBlock } from "../../src/live-index/fact-blocks.ts";

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

/** The block as it comes back from a file: its bytes copied to where a read puts them. */
function throughFile(packed: ReturnType<typeof packFactsBlock>, offset = 0) {
  const bytes = Buffer.alloc(packed.bytes.length + offset);
  packed.bytes.copy(bytes, offset);
  return { block: JSON.parse(JSON.stringify(packed.block)), bytes: bytes.subarray(offset) };
}

describe("facts packed as a block of parsed knowledge", () => {
  it("read back equal, each repeated string written once and shared", () => {
    const facts = [
      fact(1, { unit: "km", asOf: "2019" }),
      fact(2, { tags: [] }),
      fact(3, { origin: "extracted", tags: ["border", "trade", "geography"] }),
    ];
    const packed = packFactsBlock(facts, passageTextOf);
    expect(packed.bytes.toString("ucs2").split("Iran–Pakistan border")).toHaveLength(2);
    const { block, bytes } = throughFile(packed);
    const read = unpackFactsBlock(block, bytes, passageTextOf);
    expect(read).toEqual(facts);
    expect(read?.[0]?.subject).toBe(read?.[1]?.subject);
  });

  it("read back equal from bytes that do not start on a word boundary", () => {
    const facts = [fact(1), fact(2, { value: "ninety" })];
    const { block, bytes } = throughFile(packFactsBlock(facts, passageTextOf), 1);
    expect(unpackFactsBlock(block, bytes, passageTextOf)).toEqual(facts);
  });

  it("keep Latin-1 strings a byte a character", () => {
    const facts = [fact(1, { subject: "Iran-Pakistan border" })];
    const { block } = packFactsBlock(facts, noPassages);
    expect(block.encoding).toBe("latin1");
  });

  it("are unreadable when a fact points outside the block's strings", () => {
    const packed = packFactsBlock([fact(1)], noPassages);
    const { block, bytes } = throughFile(packed);
    bytes.writeInt32LE(block.strings, 0);
    expect(unpackFactsBlock(block, bytes, noPassages)).toBeUndefined();
  });

  it("are unreadable when cut short", () => {
    const { block, bytes } = throughFile(packFactsBlock([fact(1), fact(2)], noPassages));
    expect(
      unpackFactsBlock(block, bytes.subarray(0, bytes.length - 2), noPassages),
    ).toBeUndefined();
  });

  it("keep a quote their passage holds as where it stands there, not as a copy", () => {
    const { bytes } = packFactsBlock([fact(1), fact(2)], passageTextOf);
    const written = bytes.toString("ucs2");
    expect(written).not.toContain("The border is 901 km long.");
    expect(written).toContain("The border is 902 km long.");
  });

  it("are unreadable when a quote stands beyond its passage", () => {
    const shorter = (article: string, paragraph: number) =>
      passageTextOf(article, paragraph)?.slice(0, 30);
    const { block, bytes } = throughFile(packFactsBlock([fact(1)], passageTextOf));
    expect(unpackFactsBlock(block, bytes, shorter)).toBeUndefined();
  });
});
