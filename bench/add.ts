/**
 * `npx tsx bench/add.ts [--pages 300] [--passages 100000]`: what adding articles costs.
 *
 * 1. Throughput: `npm run add`'s runAdd over `--pages` distinct generated news pages served by a
 *    local HTTP server (allow-listed), into a file article store: pages per second.
 * 2. Time from an add to answerable: the article adder with the knowledge reload after it, on
 *    the seed knowledge (or, with --passages, the bench corpus of that many passages): the time
 *    until the add returns (the reply) and until the knowledge service's answer cites it.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { runAdd } from "../src/cli/add.ts";
import { createSafeFetch } from "../src/fetch/safe-fetch.ts";
import { createArticleAdder } from "../src/ingest/add-article.ts";
import { ADDED_FOLDER } from "../src/ingest/article-store.ts";
import { createOffThreadExtractor } from "../src/ingest/extract-off-thread.ts";
import { createKnowledgeService } from "../src/live-index/knowledge-service.ts";
import { openArticleFiles } from "../src/store/file/article-store.ts";
import { startLocalWebServer } from "../test/helpers/local-web-server.ts";
import { CORPUS_DEFAULTS, ensureCorpus } from "./corpus.ts";
import { createRandom, pickOne } from "./random.ts";

const { values } = parseArgs({
  options: { pages: { type: "string", default: "300" }, passages: { type: "string" } },
});
const pages = Number(values.pages);
const random = createRandom(20261207);
const VOCABULARY = Array.from({ length: 4000 }, (_, i) => `w${i.toString(36)}${"aeiou"[i % 5]}`);

function page(n: number): string {
  const paragraphs = Array.from({ length: 8 }, () =>
    Array.from({ length: 40 }, () => pickOne(random, VOCABULARY)).join(" "),
  );
  return `<!doctype html><html><head><title>Story ${n} on the border trade</title>
<meta property="og:site_name" content="Bench Daily"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Story ${n} on the border trade</h1>${paragraphs.map((p) => `<p>${p}.</p>`).join("\n")}</article>
<footer>© Bench Daily</footer></body></html>`;
}
const PAGES = Array.from({ length: pages + 1 }, (_, n) => page(n));

const server = await startLocalWebServer((req, res) => {
  const n = Number(/^\/story\/(\d+)$/.exec(req.url ?? "")?.[1] ?? Number.NaN);
  const html = PAGES[n];
  if (html === undefined) return void res.writeHead(404).end();
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
});
const root = await mkdtemp(join(tmpdir(), "iranpak-bench-add-"));
const extractor = createOffThreadExtractor();
const fetch = createSafeFetch({ allowHosts: [server.hostPort] });
const sink = new Writable({ write: (_c, _e, done) => done() });

try {
  // 1. Throughput.
  const store = openArticleFiles({
    folder: join(root, "k1", ADDED_FOLDER),
    dataDir: join(root, "d1"),
  });
  const add = createArticleAdder({ store, fetch, extract: extractor.extract });
  const urls = Array.from({ length: pages }, (_, n) => `${server.origin}/story/${n}`);
  const started = performance.now();
  const code = await runAdd(urls, add, { output: sink, progress: sink, error: process.stderr });
  const seconds = (performance.now() - started) / 1000;
  const stored = (await store.list()).length;
  console.log(
    `throughput: ${pages} pages in ${seconds.toFixed(1)} s = ${(pages / seconds).toFixed(1)} pages/s (${stored} stored, exit ${code})`,
  );

  // 2. From add to answerable.
  const passages = values.passages === undefined ? undefined : Number(values.passages);
  const knowledgeDir = join(root, "k2");
  if (passages === undefined) {
    await cp(resolve(import.meta.dirname, "../knowledge"), knowledgeDir, { recursive: true });
  } else {
    const corpus = ensureCorpus(resolve(import.meta.dirname, "out"), {
      passages,
      seed: CORPUS_DEFAULTS.seed,
    });
    await cp(corpus.knowledgeDir, knowledgeDir, { recursive: true });
  }
  const knowledge = createKnowledgeService({
    dir: knowledgeDir,
    cacheDir: join(root, "cache"),
    watch: false,
  });
  await knowledge.ready;
  const adder = createArticleAdder({
    store: openArticleFiles({
      folder: join(knowledgeDir, ADDED_FOLDER),
      dataDir: join(root, "d2"),
    }),
    fetch,
    extract: extractor.extract,
    onAdded: () => knowledge.reload(),
  });
  const before = performance.now();
  const outcome = await adder({
    url: `${server.origin}/story/${pages}`,
    origin: { kind: "hand", addedBy: "bench" },
  });
  const replied = performance.now() - before;
  if (outcome.kind !== "added") throw new Error(`not added: ${JSON.stringify(outcome)}`);
  const words = (PAGES[pages] ?? "").match(/<p>(\S+ \S+ \S+)/)?.[1] ?? "";
  const cites = () =>
    knowledge.ask(words).results.some((r) => r.citation.docId.startsWith(`${outcome.article.id}#`));
  while (!cites()) await new Promise((r) => setTimeout(r, 10));
  const answerable = performance.now() - before;
  console.log(
    `add to answerable at ${passages ?? "seed"} passages: reply after ${replied.toFixed(0)} ms, answerable after ${answerable.toFixed(0)} ms (${knowledge.counts().passages} passages)`,
  );
  await knowledge.close();
} finally {
  await extractor.close();
  await server.close();
  await rm(root, { recursive: true, force: true });
}
