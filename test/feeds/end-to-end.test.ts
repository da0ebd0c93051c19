/**
 * A feed item all the way through, with the pieces the bot wires together: the guarded fetch of
 * the feed and of the item's page, extraction off the main thread, the article store in the
 * knowledge folder, the live knowledge service, and the digest posted to the Web API stand-in.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { postDigests } from "../../src/digest/post.ts";
import { createFeedsWiring } from "../../src/feeds-wiring.ts";
import { createIngestWiring } from "../../src/ingest-wiring.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import type { KnowledgeService } from "../../src/live-index/types.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { createDigestClient, SLACK_DIGEST_PRESENTER } from "../../src/slack/digest-client.ts";
import { createStores } from "../../src/store/create-stores.ts";
import type { Stores } from "../../src/store/types.ts";
import { type FeedServer, startFeedServer } from "../helpers/feed-server.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { ROOT } from "../helpers/run-script.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../helpers/slack-api-stand-in.ts";
import { readPage } from "../ingest/pages.ts";
import { rssFeed } from "./fixtures.ts";

const DAY_MS = 86_400_000;
const CHANNEL = "C0DIGEST01";

let root: string;
let server: FeedServer;
let api: SlackApiStandIn;
let stores: Stores;
let knowledge: KnowledgeService;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "iranpak-feed-e2e-"));
  await cp(path.join(ROOT, "knowledge"), path.join(root, "knowledge"), { recursive: true });
  server = await startFeedServer();
  api = await startSlackApiStandIn();
  knowledge = createKnowledgeService({ dir: path.join(root, "knowledge"), watch: true });
  await knowledge.ready;
});

afterAll(async () => {
  await knowledge.close();
  await stores?.close();
  await api.close();
  await server.close();
  await rm(root, { recursive: true, force: true });
});

test("a new feed item, fetched and extracted, is answerable within 5 s of its fetch and in the next digest with publisher and link", async () => {
  const host = new URL(server.url("/")).host;
  const page = server.url("/stories/chabahar-gwadar");
  server.route("/stories/chabahar-gwadar", () => ({
    body: readPage("blog-chabahar-gwadar"),
    type: "text/html; charset=utf-8",
  }));
  // A summary only: the page is fetched and extracted as an added URL is.
  server.route("/rss", () => ({
    body: rssFeed([
      {
        guid: "cg-1",
        link: page,
        title: "Chabahar and Gwadar",
        published: "2026-12-06T08:00:00Z",
        summary: "<p>Two ports.</p>",
      },
    ]),
  }));
  const config = {
    dataDir: path.join(root, "data"),
    knowledgeDir: path.join(root, "knowledge"),
    ingestAllowHosts: [host],
    knowledgeEditors: [],
    feeds: { urls: [server.url("/rss")], pollSeconds: 60, firstItems: 20 },
  };
  stores = await createStores(config, { logger: silentLogger });
  await stores.serveArticles(() => knowledge.reload());
  const ingest = createIngestWiring(config, { stores, logger: silentLogger, knowledge });
  const feeds = await createFeedsWiring(config, {
    stores,
    addArticle: ingest.addFromFeed,
    logger: silentLogger,
  });
  const questions = stores.openQuestionLog({ retentionDays: 30, logger: silentLogger });
  await questions.ready;
  const digestOn = (now: Date) =>
    postDigests(
      {
        presenter: SLACK_DIGEST_PRESENTER,
        client: createDigestClient({ token: "xoxb-e2e", slackApiUrl: api.apiUrl }),
        channels: [CHANNEL],
        schedule: { time: { hour: 0, minute: 0 }, timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] },
        store: stores.digest,
        knowledge: () => knowledge.knowledge(),
        questions,
        logger: silentLogger,
      },
      { now, mode: "scheduled" },
    );
  const today = new Date();
  expect((await digestOn(today))[0]?.status).toBe("posted");

  const [report] = await feeds.poller.pollDue();
  expect(report?.items.added).toBe(1);
  const [fetched] = server.requests("/stories/chabahar-gwadar");
  const [stored] = await stores.articles.list();
  expect(stored?.addedFrom).toEqual({ kind: "feed", feedUrl: server.url("/rss") });
  const cited = () =>
    knowledge
      .ask("Chabahar Gwadar ports")
      .results.some((r) => r.citation.docId.startsWith(`${stored?.summary.id}#`));
  // The poll does not wait for the knowledge to reload: the article is served moments later.
  const fetchedAt = fetched?.at ?? 0;
  await expect.poll(cited, { timeout: Math.max(0, fetchedAt + 5_000 - Date.now()) }).toBe(true);
  expect(Date.now() - fetchedAt).toBeLessThan(5_000);

  await feeds.close();
  await ingest.close();
  expect((await digestOn(new Date(today.getTime() + DAY_MS)))[0]?.status).toBe("posted");
  const next = api.callsTo("chat.postMessage").at(-1);
  const text = stringsIn(next?.body).join("\n");
  const title = stored?.summary.title ?? "";
  const publisher = stored?.summary.publisher ?? "";
  expect(publisher).not.toBe(host.split(":")[0]);
  expect(text).toContain("*New in the knowledge base*");
  expect(text).toMatch(new RegExp(`• \\*${escapeRegExp(title)}\\*.* \\[\\d+\\]`));
  expect(text).toContain(`*<${page}|${title}>* · ${publisher}`);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
