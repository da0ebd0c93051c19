import { packedEncoding } from "../knowledge/pack-texts.ts";

/**
 * A block of raw bytes in the parsed knowledge: 32-bit integers (little-endian, as the machine
 * has them, like the persisted index), each string's length, then the strings' characters, a
 * byte each when every one is Latin-1, else two. Read back with no parsing: the integers as a
 * view over the bytes, the strings as slices of one string. At 100,000 passages the same fields
 * as JSON lines took a start some 0.3 s to parse and left a million short-lived arrays and
 * strings to collect.
 */
export interface ColumnBlock {
  ints: number;
  strings: number;
  encoding: "latin1" | "ucs2";
  /** The whole block's length. */
  bytes: number;
}

const INT_BYTES = 4;
const BYTES_PER_CHAR = { latin1: 1, ucs2: 2 } as const;

export function packColumnBlock(
  ints: ArrayLike<number>,
  strings: readonly string[],
): { block: ColumnBlock; bytes: Buffer } {
  const encoding = strings.some((s) => packedEncoding(s) === "ucs2") ? "ucs2" : "latin1";
  const chars = strings.reduce((n, s) => n + s.length, 0);
  const count = ints.length + strings.length;
  const bytes = Buffer.alloc(count * INT_BYTES + chars * BYTES_PER_CHAR[encoding]);
  const body = new Int32Array(bytes.buffer, bytes.byteOffset, count);
  body.set(ints);
  body.set(
    strings.map((s) => s.length),
    ints.length,
  );
  let written = count * INT_BYTES;
  for (const s of strings) written += bytes.write(s, written, encoding);
  return {
    block: { ints: ints.length, strings: strings.length, encoding, bytes: bytes.length },
    bytes,
  };
}

/**
 * The integers and strings of a block, or undefined when its bytes do not add up (a damaged
 * file). The integers are a view over `bytes` where they are aligned: use them before `bytes`
 * is reused.
 */
export function unpackColumnBlock(
  block: ColumnBlock,
  bytes: Buffer,
): { ints: Int32Array; strings: string[] } | undefined {
  const bytesPerChar = BYTES_PER_CHAR[block.encoding];
  const count = block.ints + block.strings;
  if (
    bytesPerChar === undefined ||
    !(count >= 0) ||
    bytes.length !== block.bytes ||
    bytes.length < count * INT_BYTES
  ) {
    return undefined;
  }
  const body = intsOf(bytes, count);
  const table = bytes.toString(block.encoding, count * INT_BYTES);
  const strings: string[] = new Array(block.strings);
  let at = 0;
  for (let i = 0; i < block.strings; i++) {
    const length = body[block.ints + i] as number;
    if (length < 0 || at + length > table.length) return undefined;
    strings[i] = table.slice(at, at + length);
    at += length;
  }
  if (at !== table.length) return undefined;
  return { ints: body.subarray(0, block.ints), strings };
}

/** The first `count` integers of `bytes`, copied only when they do not start on a 4-byte boundary. */
function intsOf(bytes: Buffer, count: number): Int32Array {
  if (bytes.byteOffset % INT_BYTES === 0) {
    return new Int32Array(bytes.buffer, bytes.byteOffset, count);
  }
  const aligned = new Int32Array(count);
  new Uint8Array(aligned.buffer).set(bytes.subarray(0, count * INT_BYTES));
  return aligned;
}
