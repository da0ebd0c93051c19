import { describe, expect, it } from "vitest";
import { packColumnBlock, unpackColumnBlock } from "../../src/live-index/column-block.ts";

const INTS = [3, -1, 959, 2_775];
const STRINGS = ["pakistan-iran#13", "", "Iran–Pakistan border", "km"];

/** The block as a file gives it back: its layout through JSON, its bytes at `offset` in a buffer. */
function throughFile(ints: number[], strings: string[], offset = 0) {
  const packed = packColumnBlock(ints, strings);
  const bytes = Buffer.alloc(packed.bytes.length + offset);
  packed.bytes.copy(bytes, offset);
  return { block: JSON.parse(JSON.stringify(packed.block)), bytes: bytes.subarray(offset) };
}

describe("a block of columns", () => {
  it("reads back its integers and strings exactly, beyond Latin-1 too", () => {
    const { block, bytes } = throughFile(INTS, STRINGS);
    expect(block.encoding).toBe("ucs2");
    const read = unpackColumnBlock(block, bytes);
    expect([...(read?.ints ?? [])]).toEqual(INTS);
    expect(read?.strings).toEqual(STRINGS);
  });

  it("takes a byte a character when every string is Latin-1", () => {
    const { block, bytes } = throughFile(INTS, ["Gwadar", "Taftan"]);
    expect(block.encoding).toBe("latin1");
    expect(unpackColumnBlock(block, bytes)?.strings).toEqual(["Gwadar", "Taftan"]);
  });

  it("reads back from bytes that do not start on a word boundary", () => {
    const { block, bytes } = throughFile(INTS, STRINGS, 3);
    expect([...(unpackColumnBlock(block, bytes)?.ints ?? [])]).toEqual(INTS);
  });

  it("is unreadable cut short, or with lengths that do not add up", () => {
    const { block, bytes } = throughFile(INTS, STRINGS);
    expect(unpackColumnBlock(block, bytes.subarray(0, bytes.length - 2))).toBeUndefined();
    bytes.writeInt32LE(99, 4 * INTS.length);
    expect(unpackColumnBlock(block, bytes)).toBeUndefined();
  });
});
