/**
 * Two bot processes (src/main.ts in HTTP mode, each with its own PORT and DATA_DIR) on one
 * PostgreSQL database, against the Web API stand-in: what a team running replicas relies on.
 */

import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { postDigests } from "../../src/digest/post.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { createDigestClient, SLACK_DIGEST_PRESENTER } from "../../src/slack/digest-client.ts";
import { createStores } from "../../src/store/create-stores.ts";
import { knowledgeBase, manyFacts } from "../digest/fixtures.ts";
import { FULL_ARTICLE, rssFeed } from "../feeds/fixtures.ts";
import { httpBotEnv } from "../helpers/bot-env.ts";
import { type FeedServer, startFeedServer } from "../helpers/feed-server.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import {
  directMessage,
  eventCallback,
  type Json,
  slashCommandFields,
  uniqueId,
} from "../helpers/payloads.ts";
import { ROOT, type RunningScript, startScript } from "../helpers/run-script.ts";
import { commandForm, postSigned } from "../helpers/sign-request.ts";
import {
  type ApiCall,
  type SlackApiStandIn,
  startSlackApiStandIn,
} from "../helpers/slack-api-stand-in.ts";
import { readPage } from "../ingest/pages.ts";
import { createTestSchema, describePostgres } from "../store/postgres.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const api = await startSlackApiStandIn();
  cleanups.push(() => api.close());
  const schema = await createTestSchema();
  cleanups.push(() => schema.drop());
  return { api, databaseUrl: schema.url };
}

/** One replica: the bot in HTTP mode on a free port with a DATA_DIR of its own. */
async function startReplica(
  api: SlackApiStandIn,
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<{ bot: RunningScript; eventsUrl: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "iranpak-replica-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const bot = startScript(
    "src/main.ts",
    httpBotEnv(api.apiUrl, dataDir, {
      DATABASE_URL: databaseUrl,
      // For "next digest run at": the line that says a replica's digest run is over.
      LOG_LEVEL: "debug",
      ...extra,
    }),
  );
  cleanups.push(async () => {
    if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
    await bot.exited;
  });
  const [, port] = await bot.waitFor(/listening for Slack on port (\d+)/, 30_000);
  return { bot, eventsUrl: `http://127.0.0.1:${port}/slack/events` };
}

const DIGEST = { DIGEST_TIME: "00:00" };
/** A digest post (an answer to a mention goes into a thread). */
const digestPost = (channel: string) => (c: ApiCall) =>
  c.body.channel === channel && c.body.thread_ts === undefined;
const runOver = /next digest run at/;

async function query(databaseUrl: string, sql: string): Promise<Json[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * What `/iranpak <text>` sent to a replica shows: the ack's message, or, when the answer took
 * longer than the ack deadline (a loaded machine), what was posted to its response_url.
 */
async function slash(
  api: SlackApiStandIn,
  eventsUrl: string,
  text: string,
  fields: Record<string, string>,
): Promise<string[]> {
  const id = uniqueId("cmd");
  const res = await postSigned(
    eventsUrl,
    commandForm({ ...slashCommandFields(), ...fields, text, response_url: api.responseUrl(id) }),
  );
  expect(res.status).toBe(200);
  const acked = stringsIn(res.json);
  if (!acked.some((t) => t.includes("Looking that up"))) return acked;
  return stringsIn((await api.waitForResponse((p) => p.id === id, 30_000)).body);
}

describePostgres("two replicas on one database", () => {
  it("answers a Slack retry delivered to the other replica once", async () => {
    const { api, databaseUrl } = await setUp();
    const [a, b] = await Promise.all([
      startReplica(api, databaseUrl),
      startReplica(api, databaseUrl),
    ]);
    const dm = directMessage("border");
    const callback = eventCallback(dm);
    const toDm = (c: ApiCall) => c.body.channel === dm.channel;
    expect((await postSigned(a.eventsUrl, callback)).status).toBe(200);
    const retry = await postSigned(b.eventsUrl, callback, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    await api.waitForCall("chat.postMessage", toDm);
    // A later event, answered by B, proves the retry had its chance to be (wrongly) answered.
    await postSigned(b.eventsUrl, eventCallback({ ...dm, text: "Chabahar" }));
    await api.waitForCall(
      "chat.postMessage",
      (c) => toDm(c) && JSON.stringify(c.body).includes("Chabahar"),
    );
    expect(api.callsTo("chat.postMessage").filter(toDm)).toHaveLength(2);
    expect(b.bot.output()).toMatch(/event Ev0TEST\d+ is a retry \(1\) of one already taken/);
  });

  it("pages with /iranpak more on one replica the question asked on the other", async () => {
    const { api, databaseUrl } = await setUp();
    const [a, b] = await Promise.all([
      startReplica(api, databaseUrl),
      startReplica(api, databaseUrl),
    ]);
    const where = { channel_id: uniqueId("C0MORE"), user_id: "U0PAGER01" };
    // The quotes, wherever they sit (a fact's lines come before its passage's quote).
    const cited = (texts: string[]) =>
      texts.flatMap((t) => t.split("\n").filter((line) => line.startsWith(">")));
    const first = await slash(api, a.eventsUrl, "Pakistan Iran relations", where);
    expect(cited(first)).not.toEqual([]);
    // A's page is written behind its answer (an answer never waits on the database): a person
    // types `more` seconds later, by when it has landed.
    await expect
      .poll(async () => (await query(databaseUrl, "SELECT count(*)::int AS n FROM more_pages"))[0])
      .toEqual({ n: 1 });
    const next = await slash(api, b.eventsUrl, "more", where);
    expect(next.join("\n")).toContain("*Question:* Pakistan Iran relations");
    expect(cited(next)).not.toEqual([]);
    expect(cited(next).some((p) => cited(first).includes(p))).toBe(false);
    // Someone else asking B for more has no question to page.
    const stranger = await slash(api, b.eventsUrl, "more", { ...where, user_id: "U0OTHER01" });
    expect(stranger.join("\n")).toContain("Ask a question first");
    // The shared row names the asker by a salted hash only.
    const rows = await query(databaseUrl, "SELECT row_to_json(m)::text AS j FROM more_pages m");
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("U0PAGER01");
  });

  it("posts each channel's digest once when both replicas run it", async () => {
    const { api, databaseUrl } = await setUp();
    const env = { ...DIGEST, DIGEST_CHANNELS: "C0DIGEST01,C0DIGEST02" };
    const [a, b] = await Promise.all([
      startReplica(api, databaseUrl, env),
      startReplica(api, databaseUrl, env),
    ]);
    await Promise.all([a.bot.waitFor(runOver), b.bot.waitFor(runOver)]);
    expect(api.callsTo("chat.postMessage").filter(digestPost("C0DIGEST01"))).toHaveLength(1);
    expect(api.callsTo("chat.postMessage").filter(digestPost("C0DIGEST02"))).toHaveLength(1);
    const state = await query(databaseUrl, "SELECT channel FROM digest_channels ORDER BY channel");
    expect(state).toEqual([{ channel: "C0DIGEST01" }, { channel: "C0DIGEST02" }]);
  });

  it("loses nothing and posts nothing twice when a replica is killed mid-post", async () => {
    const { api, databaseUrl } = await setUp();
    const env = { ...DIGEST, DIGEST_CHANNELS: "C0DIGEST01" };
    api.fail("chat.postMessage", { hang: true }, { channel: "C0DIGEST01" });
    const a = await startReplica(api, databaseUrl, env);
    await api.waitForCall("chat.postMessage", digestPost("C0DIGEST01"));
    // While its post hangs, A answers a mention in the channel and logs the question.
    const question = "who won the curling final in Oslo?";
    const mention = {
      type: "app_mention",
      user: "U0ASKER01",
      text: `<@U08BOTIRPK> ${question}`,
      ts: "1732610045.318229",
      channel: "C0DIGEST01",
      event_ts: "1732610045.318229",
    };
    await postSigned(a.eventsUrl, eventCallback(mention, uniqueId("Ev0KILL")));
    await api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === mention.ts);
    await expect
      .poll(
        async () => (await query(databaseUrl, "SELECT count(*)::int AS n FROM question_log"))[0],
        {
          timeout: 10_000,
        },
      )
      .toEqual({ n: 1 });

    a.bot.child.kill("SIGKILL");
    await a.bot.exited;
    const b = await startReplica(api, databaseUrl, env);
    await b.bot.waitFor(runOver);
    // B found the day claimed: the one post is A's, which may or may not have reached Slack.
    expect(api.callsTo("chat.postMessage").filter(digestPost("C0DIGEST01"))).toHaveLength(1);
    expect(await query(databaseUrl, "SELECT channel FROM digest_claims")).toEqual([
      { channel: "C0DIGEST01" },
    ]);
    expect(await query(databaseUrl, "SELECT channel FROM digest_channels")).toEqual([]);

    // Tomorrow's digest, from the shared state, carries what the lost one would have.
    const stores = await createStores(
      { dataDir: path.join(tmpdir(), "unused"), databaseUrl },
      { logger: silentLogger },
    );
    cleanups.push(() => stores.close());
    const questions = stores.openQuestionLog({ retentionDays: 30, logger: silentLogger });
    await questions.ready;
    const [outcome] = await postDigests(
      {
        presenter: SLACK_DIGEST_PRESENTER,
        client: createDigestClient({ token: "xoxb-next-day", slackApiUrl: api.apiUrl }),
        channels: ["C0DIGEST01"],
        schedule: { time: { hour: 0, minute: 0 }, timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] },
        store: stores.digest,
        knowledge: () => knowledgeBase({ facts: manyFacts(3) }),
        questions,
        logger: silentLogger,
      },
      { now: new Date(Date.now() + 86_400_000), mode: "scheduled" },
    );
    expect(outcome?.status).toBe("posted");
    const next = api.callsTo("chat.postMessage").filter(digestPost("C0DIGEST01")).at(-1);
    expect(JSON.stringify(next?.body)).toContain(question.replace("?", ""));
    expect(JSON.stringify(next?.body)).not.toContain("U0ASKER01");
  });
});

/** A copy of the seed knowledge for one replica: each serves the stored articles from its own. */
async function knowledgeCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "iranpak-replica-knowledge-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(path.join(ROOT, "knowledge"), dir, { recursive: true });
  return dir;
}

/** `/iranpak add <url>` through one replica: the reply that follows "Adding…". */
async function addThrough(api: SlackApiStandIn, eventsUrl: string, url: string): Promise<string> {
  const id = uniqueId("add");
  const res = await postSigned(
    eventsUrl,
    commandForm({
      ...slashCommandFields(),
      text: `add ${url}`,
      user_id: "U0ADDER01",
      response_url: api.responseUrl(id),
    }),
  );
  expect(res.status).toBe(200);
  return stringsIn((await api.waitForResponse((p) => p.id === id, 30_000)).body).join("\n");
}

/** Whether a replica's answer to `question` cites `url`. */
async function cites(api: SlackApiStandIn, eventsUrl: string, question: string, url: string) {
  const shown = await slash(api, eventsUrl, question, { channel_id: uniqueId("C0FEEDQ") });
  return shown.join("\n").includes(url);
}

const count = async (databaseUrl: string, url: string) =>
  (await query(databaseUrl, `SELECT count(*)::int AS n FROM articles WHERE url = '${url}'`))[0];

const TRADE_URL = String(FULL_ARTICLE.link);

/** A second full-text item, older than the slow one the same poll brings. */
const BARTER = {
  guid: "wire-81",
  link: "https://wire.example/stories/barter-rice",
  title: "Rice-for-cement barter starts at Mand",
  published: "2026-12-05T08:00:00Z",
  // Long enough to be taken as the whole article (three paragraphs, 800 characters): no fetch.
  content: [
    "Traders at the Mand crossing began exchanging Pakistani rice for Iranian cement under the new barter rules on Saturday, customs officials in Turbat said, the first such exchange since the rules were announced.",
    "The first convoy carried two hundred tonnes of rice from Turbat and came back with cement for builders in Kech district, where prices have risen by a third since the summer floods damaged roads.",
    "Drivers said the crossing at Mand had been quiet for most of the year, with only a few trucks of fresh fruit passing each week, and that the barter rules had brought back the traders who had moved to other routes.",
    "Officials said the barter trade would be extended to fruit and petroleum products next month if the customs posts on both sides could clear trucks within a day, as the traders' association has asked.",
  ]
    .map((p) => `<p>${p}</p>`)
    .join("\n"),
};

describePostgres("two replicas following feeds on one database", () => {
  it("poll each feed once per interval, share what either adds, and lose nothing to a replica killed mid-poll", async () => {
    const { api, databaseUrl } = await setUp();
    const server: FeedServer = await startFeedServer();
    cleanups.push(() => server.close());
    const host = new URL(server.url("/")).host;
    let feed = { body: rssFeed([FULL_ARTICLE]), etag: '"v1"' };
    server.route("/rss", () => feed);
    server.route("/taftan", () => ({
      body: readPage("microdata-taftan-pilgrims"),
      type: "text/html",
    }));
    const env = async () => ({
      FEEDS: server.url("/rss"),
      FEED_POLL_SECONDS: "5",
      INGEST_ALLOW_HOSTS: host,
      KNOWLEDGE_DIR: await knowledgeCopy(),
    });
    const [a, b] = await Promise.all([
      startReplica(api, databaseUrl, await env()),
      startReplica(api, databaseUrl, await env()),
    ]);

    // Both tick every 5 s; the feed is due every 5 s ± 10 %: never twice within one interval.
    await expect
      .poll(() => server.requests("/rss").length, { timeout: 40_000 })
      .toBeGreaterThanOrEqual(4);
    const arrivals = server.requests("/rss").map((r) => r.at);
    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(4_000);
    expect(await count(databaseUrl, TRADE_URL)).toEqual({ n: 1 });
    const tradeQuestion = "Pakistan Iran $10 billion trade target border markets";
    for (const replica of [a, b]) {
      await expect
        .poll(() => cites(api, replica.eventsUrl, tradeQuestion, TRADE_URL), {
          timeout: 10_000,
        })
        .toBe(true);
    }

    // Added by hand through A, answered by B.
    const taftan = server.url("/taftan");
    expect(await addThrough(api, a.eventsUrl, taftan)).toMatch(/Added “/);
    await expect
      .poll(() => cites(api, b.eventsUrl, "Taftan pilgrims", taftan), { timeout: 10_000 })
      .toBe(true);

    // B leaves cleanly; A polls two new items: it adds the older one, then hangs on the other's page.
    b.bot.child.kill("SIGTERM");
    await b.bot.exited;
    let release = () => {};
    const slow = server.url("/slow");
    server.route(
      "/slow",
      () =>
        new Promise((resolve) => {
          release = () => resolve({ body: readPage("blog-chabahar-gwadar"), type: "text/html" });
        }),
    );
    feed = {
      body: rssFeed([
        {
          guid: "slow-1",
          link: slow,
          title: "Chabahar and Gwadar",
          published: "2026-12-06T08:00:00Z",
        },
        BARTER,
        FULL_ARTICLE,
      ]),
      etag: '"v2"',
    };
    await expect.poll(() => server.requests("/slow").length, { timeout: 20_000 }).toBe(1);
    expect(await count(databaseUrl, BARTER.link)).toEqual({ n: 1 });
    a.bot.child.kill("SIGKILL");
    await a.bot.exited;

    // A's claim would hold for its lease (10 minutes); the test ends it instead of waiting.
    await query(databaseUrl, "UPDATE feeds SET claimed_until = now()");
    release();
    server.route("/slow", () => ({ body: readPage("blog-chabahar-gwadar"), type: "text/html" }));
    const c = await startReplica(api, databaseUrl, await env());
    await expect.poll(() => count(databaseUrl, slow), { timeout: 30_000 }).toEqual({ n: 1 });
    expect(await count(databaseUrl, BARTER.link)).toEqual({ n: 1 });
    expect(await count(databaseUrl, TRADE_URL)).toEqual({ n: 1 });
    // C, started after it all, serves every article: the hand add and both polls' items.
    const barterQuestion = "Mand crossing rice cement barter Turbat";
    await expect
      .poll(() => cites(api, c.eventsUrl, barterQuestion, BARTER.link), { timeout: 10_000 })
      .toBe(true);
    expect(await cites(api, c.eventsUrl, "Taftan pilgrims", taftan)).toBe(true);
  }, 180_000);
});
