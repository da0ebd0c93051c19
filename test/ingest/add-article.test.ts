import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSafeFetch } from "../../src/fetch/safe-fetch.ts";
import { createArticleAdder } from "../../src/ingest/add-article.ts";
import type { AddArticle, AddOutcome } from "../../src/ingest/add-types.ts";
import { ADDED_FOLDER } from "../../src/ingest/article-store.ts";
import { createOffThreadExtractor } from "../../src/ingest/extract-off-thread.ts";
import { createArticleRemover, type RemoveArticle } from "../../src/ingest/remove-article.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import type { KnowledgeService } from "../../src/live-index/types.ts";
import { openArticleFiles } from "../../src/store/file/article-store.ts";
import { type LocalWebServer, startLocalWebServer } from "../helpers/local-web-server.ts";
import { readPage } from "./pages.ts";

const MB = 1024 * 1024;
const BOMB = Buffer.concat(
  Array.from({ length: 8 }, () => gzipSync(Buffer.alloc(MB), { level: 9 })),
);

let server: LocalWebServer;
let unlisted: LocalWebServer;
let root: string;
let knowledge: KnowledgeService;
let add: AddArticle;
let remove: RemoveArticle;
const extractor = createOffThreadExtractor();
const store = () =>
  openArticleFiles({ folder: join(root, "knowledge", ADDED_FOLDER), dataDir: join(root, "data") });

const PAGES: Record<string, string> = {
  "/pipeline-waiver": "wordpress-pipeline-waiver",
  "/amp/pipeline-waiver": "wordpress-pipeline-waiver.amp",
  "/border-markets": "newscms-border-markets",
  "/wire/border-markets": "wire-border-markets-copy",
  "/section": "section-index-pakistan-iran",
  "/chabahar": "blog-chabahar-gwadar",
  "/taftan": "microdata-taftan-pilgrims",
};

beforeAll(async () => {
  unlisted = await startLocalWebServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html" }).end(readPage("blog-chabahar-gwadar"));
  });
  server = await startLocalWebServer((req, res) => {
    const path = new URL(req.url ?? "/", server.origin).pathname;
    const page = PAGES[path];
    if (page !== undefined) {
      return void res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(readPage(page));
    }
    switch (path) {
      case "/metadata":
        return void res
          .writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" })
          .end();
      case "/elsewhere":
        return void res.writeHead(302, { location: `${unlisted.origin}/article` }).end();
      case "/huge": {
        res.writeHead(200, { "content-type": "text/html" });
        const chunk = Buffer.alloc(64 * 1024, "<p>filler words</p>\n");
        let written = 0;
        const more = () => {
          while (written < 30 * MB && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", more);
          }
          res.end();
        };
        return more();
      }
      case "/bomb":
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
        return void res.end(BOMB);
      case "/image.png":
        return void res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(2048, 1));
      case "/never":
        return; // takes the request and never answers
      default:
        res.writeHead(404).end();
    }
  });
  root = await mkdtemp(join(tmpdir(), "iranpak-add-"));
  // The seed knowledge, as the bot serves it.
  await cp(resolve(import.meta.dirname, "../../knowledge"), join(root, "knowledge"), {
    recursive: true,
  });
  knowledge = createKnowledgeService({
    dir: join(root, "knowledge"),
    cacheDir: join(root, "cache"),
    watch: true,
  });
  await knowledge.ready;
  add = createArticleAdder({
    store: store(),
    fetch: createSafeFetch({ allowHosts: [server.hostPort], timeoutMs: 1_500 }),
    extract: extractor.extract,
    onAdded: () => knowledge.reload(),
  });
  remove = createArticleRemover({ store: store(), onRemoved: () => knowledge.reload() });
});

afterAll(async () => {
  await knowledge.close();
  await extractor.close();
  await server.close();
  await unlisted.close();
  await rm(root, { recursive: true, force: true });
});

const byHand = { kind: "hand", addedBy: "0a1b2c3d.0011223344556677" } as const;
const addUrl = (path: string) => add({ url: `${server.origin}${path}`, origin: byHand });
const addedFiles = async () =>
  (await readdir(join(root, "knowledge", ADDED_FOLDER)).catch(() => [])).filter(
    (n) => !n.startsWith("."),
  );

function added(outcome: AddOutcome) {
  if (outcome.kind !== "added") throw new Error(`not added: ${JSON.stringify(outcome)}`);
  return outcome.article;
}

describe("adding an article by its address", () => {
  it("adds the article without the page's furniture, answerable with publisher, date and canonical url", async () => {
    const article = added(await addUrl("/pipeline-waiver"));
    expect(article).toMatchObject({
      publisher: "The Frontier Post",
      // A canonical link to another site is not believed: the address fetched is the one cited.
      url: `${server.origin}/pipeline-waiver`,
    });
    expect(article.published).toMatch(/^2024-03-0\d$/);
    expect(article.paragraphs).toBeGreaterThan(3);
    const file = await readFile(join(root, "knowledge", ADDED_FOLDER, `${article.id}.md`), "utf8");
    expect(file).toContain(`added_by: ${byHand.addedBy}`);
    const stored = (await store().list()).find((s) => s.summary.id === article.id);
    expect(stored?.addedFrom).toEqual({ kind: "hand" });
    expect(file).not.toMatch(/cookie|newsletter|related stories/i);

    const answer = knowledge.ask("Pakistan waiver Washington gas pipeline");
    const cited = answer.results.find((r) => r.citation.docId.startsWith(`${article.id}#`));
    expect(cited?.citation).toMatchObject({
      title: article.title,
      source: "The Frontier Post",
      url: article.url,
    });
  });

  it("knows the same article on its AMP address and with tracking parameters", async () => {
    const amp = await addUrl("/amp/pipeline-waiver");
    expect(amp).toMatchObject({ kind: "duplicate", how: "same-url" });
    const tracked = await addUrl("/pipeline-waiver?utm_source=twitter&fbclid=abc");
    expect(tracked).toMatchObject({ kind: "duplicate", how: "same-url" });
    expect(await addedFiles()).toHaveLength(1);
  });

  it("records a wire copy on another site as also published by it, not as a second article", async () => {
    const first = added(await addUrl("/border-markets"));
    const copy = await addUrl("/wire/border-markets");
    expect(copy).toMatchObject({
      kind: "duplicate",
      how: "near-duplicate",
      of: { id: first.id },
      alsoPublishedBy: "Gulf Observer",
    });
    const stored = (await store().list()).find((s) => s.summary.id === first.id);
    expect(stored?.alsoPublishedBy).toEqual(["Gulf Observer"]);
  });

  it("takes an article carried whole (a feed item) without fetching it", async () => {
    const before = server.requests.length;
    const article = added(
      await add({
        url: "https://feeds.example/items/rimdan-crossing?utm_medium=rss",
        origin: { kind: "feed", feedUrl: "https://feeds.example/rss" },
        content: {
          title: "Rimdan crossing opens for trade trucks",
          publisher: "Feeds Example",
          published: "2026-12-01T08:00:00Z",
          paragraphs: [
            "The Rimdan crossing between Pakistan and Iran opened for trade trucks on Monday, officials said, after months of preparation on both sides of the border.",
          ],
        },
      }),
    );
    expect(server.requests.length).toBe(before);
    expect(article).toMatchObject({
      publisher: "Feeds Example",
      published: "2026-12-01",
      url: "https://feeds.example/items/rimdan-crossing",
    });
    const stored = (await store().list()).find((s) => s.summary.id === article.id);
    expect(stored?.addedFrom).toEqual({ kind: "feed", feedUrl: "https://feeds.example/rss" });
    const answer = knowledge.ask("Rimdan crossing trade trucks");
    expect(answer.results.some((r) => r.citation.docId.startsWith(`${article.id}#`))).toBe(true);
  });
});

describe("adding from many feeds at once", () => {
  it("stores one of the same story arriving from two feeds together, the other as its duplicate", async () => {
    const item = (feed: string) =>
      add({
        url: `https://${feed}.example/items/gwadar-ferry`,
        origin: { kind: "feed", feedUrl: `https://${feed}.example/rss` },
        content: {
          title: "Gwadar to Chabahar ferry service announced",
          paragraphs: [
            "A ferry service between Gwadar and Chabahar will start in the spring, the two ports' authorities announced on Tuesday, carrying passengers and light cargo twice a week.",
          ],
        },
      });
    const outcomes = await Promise.all([item("one"), item("two")]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["added", "duplicate"]);
    expect(outcomes.find((o) => o.kind === "duplicate")).toMatchObject({ how: "same-text" });
  });
});

describe("refusing what must not be added", () => {
  const cases: [string, string][] = [
    ["/metadata", "That address is not allowed"],
    ["/elsewhere", "That address is not allowed"],
    ["/huge", "That page is too large"],
    ["/bomb", "That page is too large"],
    ["/image.png", "That link doesn't lead to a web page or feed"],
    ["/section", "That page has no article text"],
    ["/never", "That page took too long to load"],
  ];
  for (const [path, reason] of cases) {
    it(`refuses ${path} with "${reason}", adding nothing`, async () => {
      const before = await addedFiles();
      const pending = addUrl(path);
      // Answers go on while the page is fetched and read.
      expect(knowledge.ask("Bajwa Tehran visit").results.length).toBeGreaterThan(0);
      const outcome = await pending;
      expect(outcome).toMatchObject({ kind: "refused", reason });
      expect(await addedFiles()).toEqual(before);
    });
  }

  it("refuses what is not a web address", async () => {
    expect(await add({ url: "file:///etc/passwd", origin: byHand })).toMatchObject({
      kind: "refused",
      reason: "That is not a web address",
    });
  });
});

describe("removing an article", () => {
  it("takes it out of every answer at once and never adds it again", async () => {
    const article = added(await addUrl("/taftan"));
    const cites = () =>
      knowledge
        .ask("Taftan pilgrims")
        .results.some((r) => r.citation.docId.startsWith(`${article.id}#`));
    expect(cites()).toBe(true);
    expect((await remove(article.id))?.summary.id).toBe(article.id);
    expect(cites()).toBe(false);
    expect(await addUrl("/taftan")).toEqual({ kind: "removed-before", url: article.url });
    expect(await remove(article.id)).toBeUndefined();
  });
});
