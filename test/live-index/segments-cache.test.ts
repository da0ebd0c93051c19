import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { writeCachedIndex } from "../../src/live-index/index-cache.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import { readCachedSegments, writeCachedSegments } from "../../src/live-index/segments-cache.ts";
import type { KnowledgeService } from "../../src/live-index/types.ts";
import { buildIndex, type SearchIndex } from "../../src/search/build-index.ts";
import {
  MERGE_FACTOR,
  mergeSegmentsSteps,
  restoreIndexSteps,
  type SavedSegments,
  segmentsOf,
} from "../../src/search/segments/segmented-index.ts";
import { runSteps } from "../../src/util/cooperative.ts";
import { articleText, createKnowledgeDir } from "../helpers/knowledge-dir.ts";
import { recordingLogger } from "../helpers/slack-app.ts";
import {
  answersOf,
  applyStep,
  folderOf,
  NAMES,
  type Step,
  step,
} from "../search/segments/random-changes.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "iranpak-segments-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The index files in `dir`: the persisted index, segments and their list. */
async function indexFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => /^(index|segment|segments)-/.test(n)).sort();
}

const put: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant("put" as const),
  name: fc.constantFrom(...NAMES),
  title: fc.constant("Trade News"),
  paragraphs: fc.constant(["Chabahar port traded gas in 2014.", "The railway carried trade."]),
});

describe("an index grown by segments, persisted", () => {
  it("reads back after any adds, edits, removals and merges, answering as a full build of the same knowledge", async () => {
    await fc.assert(
      fc.asyncProperty(
        put,
        fc.array(step, { minLength: 0, maxLength: 14 }),
        fc.integer({ min: 1, max: 4 }),
        async (first, rest, saveEvery) => {
          const dir = await tempDir();
          const folder = new Map<string, string>();
          let index = buildIndex(buildKnowledgeBase(folderOf(folder)));
          await writeCachedIndex(dir, index);
          const steps = [first, ...rest];
          for (const [n, s] of steps.entries()) {
            index = applyStep(folder, index, s);
            index = runSteps(mergeSegmentsSteps(index)) ?? index;
            if ((n + 1) % saveEvery !== 0 && n !== steps.length - 1) continue;
            await writeCachedSegments(dir, index);
            const saved = await readCachedSegments(dir, index.kb);
            expect(saved?.segments).toHaveLength(segmentsOf(index).segments.length);
            // The list and the files it names, nothing left over from earlier saves.
            expect(await indexFiles(dir)).toHaveLength(segmentsOf(index).segments.length + 1);
            const restored = runSteps(restoreIndexSteps(index.kb, saved as SavedSegments));
            const full = buildIndex(buildKnowledgeBase(folderOf(folder)));
            expect(answersOf(restored)).toEqual(answersOf(full));
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);

  it("reads back merged segments, answering as a full build", async () => {
    const dir = await tempDir();
    const folder = new Map<string, string>();
    let index = buildIndex(buildKnowledgeBase(folderOf(folder)));
    await writeCachedIndex(dir, index);
    for (let n = 0; n <= MERGE_FACTOR; n++) {
      const paragraphs = [`Chabahar port ${n} traded gas.`, `The railway ${n} carried trade.`];
      const name = NAMES[n % NAMES.length] as string;
      index = applyStep(folder, index, { kind: "put", name, title: "Trade News", paragraphs });
    }
    const merged = runSteps(mergeSegmentsSteps(index));
    expect(merged && segmentsOf(merged).segments.map((s) => s.level)).toEqual([0, 0, 1]);
    await writeCachedSegments(dir, merged as SearchIndex);
    const saved = await readCachedSegments(dir, index.kb);
    const restored = runSteps(restoreIndexSteps(index.kb, saved as SavedSegments));
    expect(segmentsOf(restored).segments.map((s) => s.level)).toEqual([0, 0, 1]);
    expect(answersOf(restored)).toEqual(
      answersOf(buildIndex(buildKnowledgeBase(folderOf(folder)))),
    );
  });
});

/** A folder of one article, and a cache folder for the service's persisted index. */
async function knowledgeAndCache() {
  const knowledge = await createKnowledgeDir({
    "articles/ties.txt": articleText("Ties", [
      "Pakistan and Iran share a 959km border.",
      "The gas pipeline was due in 2014.",
    ]),
  });
  cleanups.push(knowledge.remove);
  return { dir: knowledge.dir, cacheDir: await tempDir() };
}

function start(options: Parameters<typeof createKnowledgeService>[0]): KnowledgeService {
  const service = createKnowledgeService({ watch: false, ...options });
  cleanups.push(() => service.close());
  return service;
}

const QUESTIONS = [
  "Chabahar port",
  "Gwadar railway trade",
  "How long is the border?",
  "pipeline",
  "When did the port open?",
  "Zahedan",
  "railwy",
];

/** Articles added, replaced and removed through the folder, as the ingestion adds them. */
async function growThroughFolder(dir: string, service: KnowledgeService): Promise<void> {
  const write = (name: string, title: string, paragraphs: string[]) =>
    writeFile(path.join(dir, "articles", name), articleText(title, paragraphs));
  await write("port.txt", "Port", ["The Chabahar port opened in 2016.", "Trade grew."]);
  await service.reload();
  await write("rail.txt", "Rail", ["A railway to Zahedan was planned.", "Gwadar trade."]);
  await service.reload();
  await write("port.txt", "Port", ["The Gwadar port opened in 2007.", "Railway trade grew."]);
  await service.reload();
  await rm(path.join(dir, "articles", "rail.txt"));
  await service.reload();
  await write("more.txt", "More", ["The Chabahar railway reached Zahedan."]);
  await service.reload();
}

/** A service grown through the folder, closed (which saves it), and the cache it left. */
async function grownAndClosed() {
  const { dir, cacheDir } = await knowledgeAndCache();
  const service = start({ dir, cacheDir });
  await service.ready;
  await growThroughFolder(dir, service);
  await service.close();
  return { dir, cacheDir, hash: service.knowledge().hash };
}

/** What a service that never saw the folder change answers, built from its files alone. */
async function answersFromScratch(dir: string) {
  const fresh = start({ dir });
  await fresh.ready;
  return QUESTIONS.map((q) => fresh.ask(q, { limit: 5 }));
}

describe("a restart after articles were added through the folder", () => {
  it("loads the persisted segments, never rebuilds, and answers as a build from scratch", async () => {
    const { dir, cacheDir, hash } = await grownAndClosed();
    expect((await indexFiles(cacheDir)).filter((n) => n.startsWith("segments-"))).toEqual([
      `segments-${hash.slice(0, 32)}.jsonl`,
    ]);
    const logger = recordingLogger();
    const restarted = start({ dir, cacheDir, logger });
    await restarted.ready;
    expect(logger.text("info")).toMatch(/reassembled the index from \d+ persisted segments/);
    expect(logger.text()).not.toContain("indexed");
    expect(logger.text("warn")).toBe("");
    expect(restarted.knowledge().hash).toBe(hash);
    expect(QUESTIONS.map((q) => restarted.ask(q, { limit: 5 }))).toEqual(
      await answersFromScratch(dir),
    );
  });

  it("writes only the new segments on the next save, and leaves no file unreferenced", async () => {
    const { dir, cacheDir } = await grownAndClosed();
    const before = await indexFiles(cacheDir);
    const service = start({ dir, cacheDir });
    await service.ready;
    await writeFile(path.join(dir, "articles", "late.txt"), articleText("Late", ["Gwadar."]));
    await service.reload();
    await service.close();
    const after = await indexFiles(cacheDir);
    const segmentFiles = (names: string[]) => names.filter((n) => n.startsWith("segment-"));
    expect(segmentFiles(after)).toEqual(expect.arrayContaining(segmentFiles(before)));
    expect(segmentFiles(after)).toHaveLength(segmentFiles(before).length + 1);
    expect(after.filter((n) => n.startsWith("segments-"))).toHaveLength(1);
    expect(after.filter((n) => n.startsWith("index-"))).toEqual(
      before.filter((n) => n.startsWith("index-")),
    );
  });

  it("drops the segments once the folder is read and indexed in full", async () => {
    const { dir, cacheDir } = await grownAndClosed();
    const service = start({ dir, cacheDir });
    await service.ready;
    await writeFile(path.join(dir, "aliases.yml"), "- [Chabahar, Chahbahar]\n");
    expect(await service.reload()).toMatchObject({ ok: true });
    const files = await indexFiles(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^index-/);
  });
});

/** The segment list's lines with `edit` applied and the checksum made right again. */
function reChecksummed(text: string, edit: (lines: string[]) => string[]): string {
  const lines = edit(
    text
      .split("\n")
      .filter((l) => l !== "")
      .slice(0, -1),
  );
  const sum = createHash("sha256");
  for (const line of lines) sum.update(`${line}\n`);
  return `${[...lines, JSON.stringify({ checksum: sum.digest("hex") })].join("\n")}\n`;
}

describe("persisted segments that are damaged or do not fit", () => {
  const damages: [string, (cacheDir: string, names: string[]) => Promise<void>, RegExp][] = [
    [
      "a list cut short",
      async (cacheDir, names) => {
        const list = path.join(cacheDir, names.find((n) => n.startsWith("segments-")) ?? "");
        const text = await readFile(list, "utf8");
        await writeFile(list, text.slice(0, Math.floor(text.length / 2)));
      },
      /persisted segments .*segments-.*\.jsonl are damaged/,
    ],
    [
      "a segment file missing",
      async (cacheDir, names) => {
        await rm(path.join(cacheDir, names.find((n) => n.startsWith("segment-")) ?? ""));
      },
      /persisted segments .* are damaged \(segment-.*\.bin is missing\)/,
    ],
    [
      "a segment file with a byte flipped",
      async (cacheDir, names) => {
        const file = path.join(cacheDir, names.find((n) => n.startsWith("segment-")) ?? "");
        const bytes = await readFile(file);
        const at = bytes.length - 40;
        bytes[at] = (bytes[at] ?? 0) ^ 0xff;
        await writeFile(file, bytes);
      },
      /persisted segments .* are damaged \(checksum mismatch\)/,
    ],
    [
      "a list whose documents are not the knowledge's",
      async (cacheDir, names) => {
        const list = path.join(cacheDir, names.find((n) => n.startsWith("segments-")) ?? "");
        const text = await readFile(list, "utf8");
        const edited = reChecksummed(text, (lines) =>
          lines.map((line) => line.replace('"port#1"', '"port#9"')),
        );
        expect(edited).not.toBe(text);
        await writeFile(list, edited);
      },
      /persisted segments do not fit .*; rebuilding/,
    ],
  ];

  it.each(damages)(
    "%s: logged, then built in full, answering as before",
    async (_, damage, warning) => {
      const { dir, cacheDir } = await grownAndClosed();
      await damage(cacheDir, await indexFiles(cacheDir));
      const logger = recordingLogger();
      const restarted = start({ dir, cacheDir, logger });
      await restarted.ready;
      expect(logger.text("warn")).toMatch(warning);
      expect(logger.text("info")).toContain("indexed 3 articles");
      expect(QUESTIONS.map((q) => restarted.ask(q, { limit: 5 }))).toEqual(
        await answersFromScratch(dir),
      );
    },
  );
});
