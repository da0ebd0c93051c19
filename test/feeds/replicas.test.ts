import { afterEach, beforeEach, expect, it } from "vitest";
import type { FeedStore } from "../../src/feeds/feed-store.ts";
import { createFeedPoller, type FeedPollerOptions } from "../../src/feeds/poller.ts";
import { createSafeFetch } from "../../src/fetch/safe-fetch.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { createPostgresFeedStore } from "../../src/store/postgres/feed-store.ts";
import { migrate } from "../../src/store/postgres/migrate.ts";
import { MIGRATIONS } from "../../src/store/postgres/migrations.ts";
import { createPool, type Pool } from "../../src/store/postgres/pool.ts";
import { type FeedServer, startFeedServer } from "../helpers/feed-server.ts";
import { createTestSchema, describePostgres } from "../store/postgres.ts";
import { FULL_ARTICLE, rssFeed } from "./fixtures.ts";
import { createDyingAdder, createRecordingAdder } from "./recording-adder.ts";

const START = new Date("2026-12-07T00:00:00Z");
const POLL_SECONDS = 60;

describePostgres("feed pollers on two replicas sharing PostgreSQL", () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let pools: Pool[];
  let server: FeedServer;
  let clock: Date;
  beforeEach(async () => {
    schema = await createTestSchema();
    pools = [0, 1].map(() => createPool(schema.url, silentLogger, { max: 3 }));
    await migrate(pools[0] as Pool, MIGRATIONS, silentLogger);
    server = await startFeedServer();
    clock = START;
  });
  afterEach(async () => {
    await server.close();
    for (const pool of pools) await pool.end();
    await schema.drop();
  });

  // Each replica: its own pool, its own poller; the feeds and their claims in the database.
  const replica = (index: number, over: Partial<FeedPollerOptions>) =>
    createFeedPoller({
      store: createPostgresFeedStore(pools[index] as Pool),
      fetch: createSafeFetch({ allowHosts: [new URL(server.url("/")).host] }),
      addArticle: over.addArticle ?? createRecordingAdder().addArticle,
      now: () => clock,
      random: () => 0.5,
      policy: { pollSeconds: POLL_SECONDS },
      ...over,
    });

  it("polls each feed once per interval across both replicas", async () => {
    const store: FeedStore = createPostgresFeedStore(pools[0] as Pool);
    for (const path of ["/a", "/b", "/c"]) {
      server.route(path, () => ({ body: rssFeed([FULL_ARTICLE]), etag: '"v1"' }));
      await store.add({ url: server.url(path), source: "config" }, clock);
    }
    const adder = createRecordingAdder();
    const [one, two] = [0, 1].map((i) => replica(i, { addArticle: adder.addArticle }));
    for (let interval = 0; interval < 3; interval++) {
      // Both replicas tick several times within the interval, at once.
      for (let tick = 0; tick < 3; tick++) {
        await Promise.all([one?.pollDue(), two?.pollDue()]);
        clock = new Date(clock.getTime() + 5_000);
      }
      clock = new Date(START.getTime() + (interval + 1) * POLL_SECONDS * 1000);
    }
    for (const path of ["/a", "/b", "/c"]) expect(server.requests(path)).toHaveLength(3);
    expect(adder.requests).toHaveLength(3);
  });

  it("loses nothing and adds nothing twice when a replica dies mid-poll", async () => {
    const store: FeedStore = createPostgresFeedStore(pools[0] as Pool);
    const items = ["a", "b", "c"].map((id) => ({
      ...FULL_ARTICLE,
      guid: id,
      link: `https://wire.example/${id}`,
    }));
    server.route("/rss", () => ({ body: rssFeed(items) }));
    await store.add({ url: server.url("/rss"), source: "config" }, clock);
    const adder = createRecordingAdder();
    const killed = createDyingAdder(adder);
    const dying = replica(0, { claimMs: 30_000, addArticle: killed.addArticle });
    void dying.pollDue();
    await expect.poll(killed.offered).toBe(2);
    const survivor = replica(1, { claimMs: 30_000, addArticle: adder.addArticle });
    expect(await survivor.pollDue()).toEqual([]);
    clock = new Date(clock.getTime() + 30_000);
    const [report] = await survivor.pollDue();
    expect(report?.items).toMatchObject({ added: 2, duplicate: 1 });
    expect(adder.added.sort()).toEqual(items.map((i) => i.link).sort());
    expect((await store.list())[0]?.state.itemsAdded).toBe(2);
  });
});
