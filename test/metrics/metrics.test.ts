import { appendFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import {
  countDigestPosts,
  countFeedPoll,
  countReloads,
  countWebApiFailures,
} from "../../src/metrics/instrument.ts";
import { createMetrics } from "../../src/metrics/metrics.ts";
import { createDigestClient } from "../../src/slack/digest-client.ts";
import { articleText, createKnowledgeDir } from "../helpers/knowledge-dir.ts";
import { sample } from "../helpers/metrics-text.ts";
import { startSlackApiStandIn } from "../helpers/slack-api-stand-in.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FACT = (quote: string) =>
  `- id: border-length\n  subject: border\n  attribute: length\n  value: 959\n  unit: km\n  source: ties#1\n  quote: "${quote}"\n`;

async function knowledgeFolder() {
  const folder = await createKnowledgeDir({
    "articles/ties.txt": articleText("Ties", [
      "Pakistan and Iran share a 959km border.",
      "The gas pipeline was due in 2014.",
    ]),
    "facts/border.yml": FACT("a 959km border"),
  });
  cleanups.push(folder.remove);
  const knowledge = createKnowledgeService({ dir: folder.dir, watch: false });
  cleanups.push(() => knowledge.close());
  await knowledge.ready;
  return { folder, knowledge };
}

const text = async (metrics: ReturnType<typeof createMetrics>) => (await metrics.scrape()).body;

describe("createMetrics", () => {
  test("starts every known series at 0, and reports Node's event-loop lag", async () => {
    const metrics = createMetrics();
    const body = await text(metrics);
    for (const confidence of ["direct", "closest", "none"]) {
      expect(sample(body, "iranpak_questions_total", { confidence })).toBe(0);
    }
    expect(sample(body, "iranpak_knowledge_reloads_total", { result: "failed" })).toBe(0);
    expect(sample(body, "iranpak_digest_posts_total", { result: "ok" })).toBe(0);
    expect(sample(body, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect((await metrics.scrape()).contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  test("reports the knowledge indexed and its state at each scrape", async () => {
    const { knowledge } = await knowledgeFolder();
    const metrics = createMetrics({ processMetrics: false });
    metrics.observeKnowledge(knowledge);
    const body = await text(metrics);
    expect(sample(body, "iranpak_knowledge_documents", { kind: "articles" })).toBe(1);
    expect(sample(body, "iranpak_knowledge_documents", { kind: "passages" })).toBe(2);
    expect(sample(body, "iranpak_knowledge_documents", { kind: "facts" })).toBe(
      knowledge.counts().facts,
    );
    expect(sample(body, "iranpak_knowledge_state", { state: "ready" })).toBe(1);
    expect(sample(body, "iranpak_knowledge_state", { state: "degraded" })).toBe(0);
  });

  test("reports no counts while the knowledge service is starting", async () => {
    const knowledge = createKnowledgeService({ dir: "no-such-folder", watch: false });
    await knowledge.ready.catch(() => {});
    const metrics = createMetrics({ processMetrics: false });
    metrics.observeKnowledge(knowledge);
    const body = await text(metrics);
    expect(sample(body, "iranpak_knowledge_documents", { kind: "passages" })).toBeUndefined();
    expect(sample(body, "iranpak_knowledge_state", { state: "starting" })).toBe(1);
  });
});

describe("counting at composition time", () => {
  test("countReloads counts each reload, ok or failed, and the service serves as before", async () => {
    const { folder, knowledge } = await knowledgeFolder();
    const metrics = createMetrics({ processMetrics: false });
    const counted = countReloads(knowledge, metrics);
    expect(await counted.reload()).toMatchObject({ ok: true });
    await appendFile(
      path.join(folder.dir, "facts", "border.yml"),
      FACT("a 2099km border").replace("border-length", "border-wrong"),
    );
    expect(await counted.reload()).toMatchObject({ ok: false });
    const body = await text(metrics);
    expect(sample(body, "iranpak_knowledge_reloads_total", { result: "ok" })).toBe(1);
    expect(sample(body, "iranpak_knowledge_reloads_total", { result: "failed" })).toBe(1);
    expect(counted.status().state).toBe("degraded");
    expect(counted.ask("pipeline").confidence).not.toBe("none");
  });

  test("countFeedPoll counts a poll by outcome, its items, the articles added and duplicates", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const before = await text(metrics);
    expect(sample(before, "iranpak_feed_polls_total", { outcome: "malformed" })).toBe(0);
    expect(sample(before, "iranpak_article_duplicates_total", { how: "same-text" })).toBe(0);
    countFeedPoll(
      {
        url: "https://news.example/rss",
        outcome: { kind: "fetched", status: 200, itemsInFeed: 9, newItems: 4 },
        items: { added: 2, duplicate: 1, "removed-before": 0, refused: 1 },
        duplicates: [{ how: "near-duplicate" }],
        saved: true,
      },
      metrics,
    );
    countFeedPoll(
      {
        url: "https://news.example/rss",
        outcome: { kind: "failed", reason: "rate-limited", message: "m", detail: "d" },
        items: { added: 0, duplicate: 0, "removed-before": 0, refused: 0 },
        duplicates: [],
        saved: true,
      },
      metrics,
    );
    const body = await text(metrics);
    expect(sample(body, "iranpak_feed_polls_total", { outcome: "fetched" })).toBe(1);
    expect(sample(body, "iranpak_feed_polls_total", { outcome: "rate-limited" })).toBe(1);
    expect(sample(body, "iranpak_feed_items_total", { outcome: "added" })).toBe(2);
    expect(sample(body, "iranpak_feed_items_total", { outcome: "refused" })).toBe(1);
    expect(sample(body, "iranpak_articles_added_total", { origin: "feed" })).toBe(2);
    expect(sample(body, "iranpak_article_duplicates_total", { how: "near-duplicate" })).toBe(1);
  });

  test("countDigestPosts and countWebApiFailures count a refused post and a good one", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    const metrics = createMetrics({ processMetrics: false });
    const client = countDigestPosts(
      createDigestClient({
        token: "xoxb-test-token",
        slackApiUrl: api.apiUrl,
        retryConfig: { retries: 0 },
        limits: { onFailure: countWebApiFailures(metrics) },
      }),
      metrics,
    );
    api.fail("chat.postMessage", { error: "not_in_channel" });
    const post = {
      channel: "C0DIGEST1",
      text: "digest",
      blocks: [],
      unfurl_links: false,
      unfurl_media: false,
    };
    await expect(client.chat.postMessage(post)).rejects.toThrow(/not_in_channel/);
    await client.chat.postMessage(post);
    const body = await text(metrics);
    expect(sample(body, "iranpak_digest_posts_total", { result: "failed" })).toBe(1);
    expect(sample(body, "iranpak_digest_posts_total", { result: "ok" })).toBe(1);
    expect(
      sample(body, "iranpak_slack_api_errors_total", {
        method: "chat.postMessage",
        code: "not_in_channel",
      }),
    ).toBe(1);
  });

  test("countWebApiFailures folds 40 made-up error codes into one `other` series, keeping Slack's own", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const count = countWebApiFailures(metrics);
    for (let n = 0; n < 40; n += 1) count({ method: "chat.postMessage", code: `made_up_${n}` });
    count({ method: "chat.postMessage", code: "http_599" });
    count({ method: "chat.postMessage", code: "not_in_channel" });
    count({ method: "chat.postMessage", code: "http_429" });
    const body = await text(metrics);
    const series = body.split("\n").filter((l) => l.startsWith("iranpak_slack_api_errors_total{"));
    expect(series).toHaveLength(3);
    const labels = (code: string) => ({ method: "chat.postMessage", code });
    expect(sample(body, "iranpak_slack_api_errors_total", labels("other"))).toBe(41);
    expect(sample(body, "iranpak_slack_api_errors_total", labels("not_in_channel"))).toBe(1);
    expect(sample(body, "iranpak_slack_api_errors_total", labels("http_429"))).toBe(1);
  });
});
