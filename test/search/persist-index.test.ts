import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { buildIndex } from "../../src/search/build-index.ts";
import {
  deserializeIndex,
  INDEX_FORMAT_VERSION,
  type PersistedHeader,
  PersistedIndexError,
  serializeIndex,
} from "../../src/search/persist-index.ts";
import { searchIndex } from "../../src/search/query.ts";
import { textArticle } from "../knowledge/fixtures.ts";
import { reloaded, tinyKnowledge } from "./fixtures.ts";

const index = buildIndex(tinyKnowledge());
const written = () => Buffer.concat([...serializeIndex(index)]);

const MAGIC_BYTES = 8;
const headerEnd = (file: Buffer) => MAGIC_BYTES + 4 + file.readUInt32LE(MAGIC_BYTES);
const headerOf = (file: Buffer) =>
  JSON.parse(file.toString("utf8", MAGIC_BYTES + 4, headerEnd(file))) as PersistedHeader;

/** Writes the checksum again over `file`: damage that only the counts can see. */
function reseal(file: Buffer): Buffer {
  const body = file.subarray(0, file.length - CHECKSUM_BYTES);
  return Buffer.concat([body, crc32Bytes(body)]);
}

const CHECKSUM_BYTES = 4;
const crc32Bytes = (body: Buffer) => {
  const sum = Buffer.alloc(CHECKSUM_BYTES);
  sum.writeUInt32LE(crc32(body));
  return sum;
};

/** The file with its header edited (and its length field updated). */
function editHeader(file: Buffer, edit: (header: PersistedHeader) => void): Buffer {
  const header = headerOf(file);
  edit(header);
  // Padded to the old length, so that the body stays where it was.
  const json = Buffer.from(JSON.stringify(header).padEnd(headerEnd(file) - MAGIC_BYTES - 4));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([
    file.subarray(0, MAGIC_BYTES),
    length,
    json,
    file.subarray(headerEnd(file)),
  ]);
}

/** Adds one to every short document id in the postings, as a shifted id list would. */
function shiftDocumentIds(file: Buffer): Buffer {
  const copy = Buffer.from(file);
  const { counts } = headerOf(copy);
  // The id section follows field lengths, term runs and run starts (see sectionShapes).
  let at =
    headerEnd(copy) + 4 * (counts.fields * counts.documents + counts.terms + 1 + counts.runs + 1);
  for (let n = 0; n < counts.postings; n++, at += 4)
    copy.writeUInt32LE(copy.readUInt32LE(at) + 1, at);
  return copy;
}

function loadError(file: Buffer): unknown {
  try {
    deserializeIndex(file, index.kb);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("a persisted index", () => {
  it("starts with its version, knowledge hash and counts, and ends with a checksum of the rest", () => {
    const file = written();
    expect(headerOf(file)).toMatchObject({
      version: INDEX_FORMAT_VERSION,
      hash: index.kb.hash,
      counts: {
        documents: index.kb.passages.length + index.kb.facts.length,
        terms: index.flat.terms.length,
        postings: index.flat.ids.length,
      },
    });
    const body = file.subarray(0, file.length - CHECKSUM_BYTES);
    expect(file.subarray(file.length - CHECKSUM_BYTES)).toEqual(crc32Bytes(body));
  });

  it("loads whole, from bytes anywhere in a buffer, and answers like the original", () => {
    const file = written();
    const odd = Buffer.concat([Buffer.alloc(3), file]).subarray(3);
    expect(deserializeIndex(odd, index.kb).status).toBe("ok");
    const loaded = reloaded(index);
    expect(loaded).not.toBe(index);
    for (const question of ["border", "Bajwa trip", "pipelon electr", "What is the population?"]) {
      expect(searchIndex(loaded, question)).toEqual(searchIndex(index, question));
    }
  });

  it("keeps the acronyms the knowledge taught, and answers an acronym with its long form", () => {
    const taught = buildIndex(
      buildKnowledgeBase([
        textArticle("articles/gas.txt", "Gas", [
          "Pakistan buys liquefied natural gas (LNG) from Qatar.",
          "The floating terminals at Port Qasim regasify it.",
          "LNG terminals at Port Qasim are floating.",
        ]),
      ]),
    );
    const loaded = reloaded(taught);
    expect(loaded.flat.acronyms).toEqual([{ acronym: "LNG", longForm: "liquefied natural gas" }]);
    const top = searchIndex(loaded, "liquefied natural gas terminals").hits[0];
    expect(top?.id).toBe("gas#3");
  });

  it("is refused, not damaged, when written by another version or for other knowledge", () => {
    const older = editHeader(written(), (h) => {
      h.version = INDEX_FORMAT_VERSION - 1;
    });
    expect(deserializeIndex(older, index.kb)).toMatchObject({ status: "other" });
    const other = { ...index.kb, hash: "0".repeat(64) };
    expect(deserializeIndex(written(), other)).toMatchObject({ status: "other" });
  });
});

describe("a damaged persisted index is refused with a PersistedIndexError", () => {
  const cases: [string, () => Buffer, RegExp][] = [
    [
      "cut short (60% of its bytes kept)",
      () => {
        const file = written();
        return file.subarray(0, Math.floor(file.length * 0.6));
      },
      /cut short/,
    ],
    ["without its checksum", () => written().subarray(0, -CHECKSUM_BYTES), /cut short/],
    [
      "with one byte changed in the postings",
      () => {
        const file = Buffer.from(written());
        const at = Math.floor((headerEnd(file) + file.length) / 2);
        file[at] = ((file[at] ?? 0) + 1) % 256;
        return file;
      },
      /checksum mismatch/,
    ],
    [
      "with its document ids shifted by one",
      () => shiftDocumentIds(written()),
      /checksum mismatch/,
    ],
    [
      "claiming more terms than it holds, checksum rewritten to match",
      () =>
        reseal(
          editHeader(written(), (h) => {
            h.counts.terms += 1;
          }),
        ),
      /bytes: \d+, the header says \d+/,
    ],
    [
      "with postings dropped and the counts and checksum rewritten to match",
      () => {
        // Two postings fewer: 8 bytes of ids and 4 of frequencies.
        const shorter = editHeader(written(), (h) => {
          h.counts.postings -= 2;
          h.bytes -= 12;
        });
        return reseal(Buffer.concat([shorter.subarray(0, -32 - 12), Buffer.alloc(32)]));
      },
      /(terms|spellings|words|runs|postings): \d+, the header says \d+/,
    ],
    [
      "for a knowledge base with other documents, checksum rewritten to match",
      () =>
        reseal(
          editHeader(written(), (h) => {
            h.counts.documents -= 1;
          }),
        ),
      /documents in the knowledge: \d+, the header says \d+/,
    ],
    [
      "with a header that is not JSON",
      () => {
        const file = Buffer.from(written());
        file.write("{", MAGIC_BYTES + 4 + 1);
        return file;
      },
      /header is not JSON/,
    ],
    [
      "with bytes after the checksum",
      () => Buffer.concat([written(), Buffer.from("x")]),
      /bytes after the checksum/,
    ],
    ["that is not an index file", () => Buffer.from('{"version":7}\n'), /not an index file/],
  ];

  it.each(cases)("%s", (_, damage, message) => {
    const error = loadError(damage());
    expect(error).toBeInstanceOf(PersistedIndexError);
    expect(error).toMatchObject({ code: "INDEX_DAMAGED", message: expect.stringMatching(message) });
  });
});
