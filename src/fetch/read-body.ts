import { type Readable, type Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { FetchStop } from "./fetch-stop.ts";

/** The content codings the fetcher can undo, each with its decoder: `Accept-Encoding` lists these. */
const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

export const ACCEPT_ENCODING = Object.keys(DECODERS)
  .filter((coding) => !coding.startsWith("x-"))
  .join(", ");

/** The codings of a `Content-Encoding` header in the order they were applied, or a stop. */
export function parseContentEncoding(header: string | undefined): string[] {
  const codings = (header ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
  const unknown = codings.find((c) => DECODERS[c] === undefined);
  if (unknown !== undefined) {
    throw new FetchStop("unsupported-content", `content-encoding ${unknown} cannot be decoded`);
  }
  return codings;
}

/**
 * Reads a body, undoing its codings as it streams, and stops once more than `maxBytes` have come
 * out of the decoders: a body that inflates a thousandfold stops at the cap, holding no more than
 * the cap in memory. `signal` ends the read wherever it is.
 */
export async function readBody(
  body: Readable,
  codings: readonly string[],
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const decoders = [...codings].reverse().map((coding) => (DECODERS[coding] as () => Transform)());
  const collect = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > maxBytes) {
        done(new FetchStop("too-large", `body passed ${maxBytes} bytes (after decoding)`));
        return;
      }
      chunks.push(chunk);
      done();
    },
  });
  await pipeline([body, ...decoders, collect], { signal });
  return Buffer.concat(chunks, total);
}

/** Lets a body go unread: the connection under it closes. */
export function discardBody(body: Readable): void {
  // undici reports an unread body's end as an error; nobody is waiting for this one.
  body.on("error", () => {});
  body.destroy();
}
