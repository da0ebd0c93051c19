import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  dropReadAhead,
  readFlatFile,
  readIndexFilesAhead,
} from "../../src/live-index/index-cache.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import { PersistedIndexError } from "../../src/search/persist-index.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

const BORDER = "How long is the Iran Pakistan border?";

let cacheDir = "";
let indexFile = "";
let written = Buffer.alloc(0);

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "iranpak-cache-"));
  const first = createKnowledgeService({ dir: "knowledge", watch: false, cacheDir });
  await first.ready;
  await first.close();
  const name = (await readdir(cacheDir)).find((n) => n.startsWith("index-"));
  indexFile = path.join(cacheDir, name ?? "no index written");
  written = await readFile(indexFile);
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

/** The bot's knowledge on a restart, over the index file `damage` left. */
async function restartAfter(damage: (file: Buffer) => Buffer) {
  await writeFile(indexFile, damage(Buffer.from(written)));
  const logger = recordingLogger();
  const service = createKnowledgeService({ dir: "knowledge", watch: false, cacheDir, logger });
  await service.ready;
  await service.close();
  return { logger, answer: service.ask(BORDER) };
}

/** Where the header ends: the magic (8 bytes), its length (4), the header. */
const headerEnd = (file: Buffer) => 12 + file.readUInt32LE(8);

describe("a damaged persisted index", () => {
  const damages: [string, (file: Buffer) => Buffer][] = [
    ["cut short", (file) => file.subarray(0, Math.floor(file.length * 0.6))],
    [
      "with one byte flipped",
      (file) => {
        const at = Math.floor((headerEnd(file) + file.length) / 2);
        file[at] = (file[at] ?? 0) ^ 0xff;
        return file;
      },
    ],
    [
      "with its document ids shifted",
      (file) => {
        const { counts } = JSON.parse(file.toString("utf8", 12, headerEnd(file)));
        // Field lengths, term runs and run starts come before the ids (4 bytes each).
        let at =
          headerEnd(file) + 4 * (counts.fields * counts.documents + counts.terms + counts.runs + 2);
        for (let n = 0; n < counts.postings; n++, at += 4)
          file.writeUInt32LE(file.readUInt32LE(at) + 1, at);
        return file;
      },
    ],
    [
      "with wrong counts",
      (file) => {
        const header = file.toString("utf8", 12, headerEnd(file));
        const edited = header.replace(/"terms":(\d+)/, (_, n) => `"terms":${+n + 7}`);
        const length = Buffer.alloc(4);
        length.writeUInt32LE(Buffer.byteLength(edited));
        return Buffer.concat([
          file.subarray(0, 8),
          length,
          Buffer.from(edited),
          file.subarray(headerEnd(file)),
        ]);
      },
    ],
  ];

  it.each(damages)(
    "%s is rebuilt with a warning, and the border is 959 km again",
    async (_, damage) => {
      const { logger, answer } = await restartAfter(damage);
      expect(logger.text("warn")).toMatch(
        /persisted index .*index-.*\.bin is damaged .*; rebuilding/,
      );
      expect(logger.text("info")).toContain("indexed 1 articles");
      expect(answer.results[0]).toMatchObject({
        kind: "fact",
        value: "959 km",
        citation: { docId: "pakistan-iran#13" },
      });
    },
  );

  it("is whole again after the rebuild: the next start loads it without a warning", async () => {
    await restartAfter((file) => file.subarray(0, 100));
    const { logger, answer } = await restartAfter((file) => file);
    expect(logger.text("warn")).toBe("");
    expect(logger.text("info")).toContain("loaded the persisted index");
    expect(answer.results[0]?.citation.docId).toBe("pakistan-iran#13");
  });
});

describe("a persisted index read ahead while the knowledge is read", () => {
  const expected = () => {
    const { hash, counts } = JSON.parse(written.toString("utf8", 12, headerEnd(written)));
    return { hash, documents: counts.documents };
  };

  it("loads as one read when it is taken", async () => {
    await readIndexFilesAhead(cacheDir);
    expect(await readFlatFile(indexFile, expected())).toMatchObject({ status: "ok" });
  });

  it("with one byte flipped is refused as damaged by the checksum worked out aside", async () => {
    const flipped = Buffer.from(written);
    const at = Math.floor((headerEnd(flipped) + flipped.length) / 2);
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    await writeFile(indexFile, flipped);
    await readIndexFilesAhead(cacheDir);
    await expect(readFlatFile(indexFile, expected())).rejects.toThrow(/checksum mismatch/);
  });

  it("is read again when the file was replaced after it was read ahead", async () => {
    await readIndexFilesAhead(cacheDir);
    const replacement = `${indexFile}.new`;
    await writeFile(replacement, written.subarray(0, 100));
    await rename(replacement, indexFile);
    await expect(readFlatFile(indexFile, expected())).rejects.toThrow(PersistedIndexError);
  });

  it("is read again once dropped, not served from what was read ahead", async () => {
    await readIndexFilesAhead(cacheDir);
    dropReadAhead(cacheDir);
    await writeFile(indexFile, written.subarray(0, 100));
    await expect(readFlatFile(indexFile, expected())).rejects.toThrow(/cut short/);
  });
});
