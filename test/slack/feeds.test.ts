import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFeedPoller } from "../../src/feeds/poller.ts";
import { createSafeFetch } from "../../src/fetch/safe-fetch.ts";
import { createMemoryFeedStore } from "../../src/store/memory/feed-store.ts";
import { FULL_ARTICLE, rssFeed } from "../feeds/fixtures.ts";
import { createRecordingAdder } from "../feeds/recording-adder.ts";
import { type FeedServer, startFeedServer } from "../helpers/feed-server.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import {
  openHomeTabs,
  postSlashCommand,
  type RunningSlackApp,
  startSlackApp,
} from "../helpers/slack-app.ts";

const shown = (message: unknown) => stringsIn(message).join("\n");

async function slash(run: RunningSlackApp, text: string, user: string) {
  const res = await postSlashCommand(run, text, { user, channel: "C0FEEDS" });
  expect(res.status).toBe(200);
  return shown(res.json);
}

describe("/iranpak feeds with KNOWLEDGE_EDITORS", () => {
  let run: RunningSlackApp;
  let server: FeedServer;
  const store = createMemoryFeedStore();
  let clock = new Date("2026-12-07T09:00:00Z");
  beforeAll(async () => {
    server = await startFeedServer();
    run = await startSlackApp({
      deps: { feeds: { store, editors: ["U0EDITOR"] }, now: () => clock },
    });
  });
  afterAll(async () => {
    await run.stop();
    await server.close();
  });

  test("an editor adds and removes a feed; anyone else is refused and nothing changes", async () => {
    const url = "https://www.dawn.com/feeds/home";
    expect(await slash(run, `feeds add ${url}`, "U0SOMEONE")).toContain(
      "Only the people in KNOWLEDGE_EDITORS can add feeds.",
    );
    expect(await store.list()).toEqual([]);
    expect(await slash(run, `feeds add <${url}>`, "U0EDITOR")).toContain(`Following ${url}`);
    expect(await slash(run, `feeds add ${url}`, "U0EDITOR")).toContain("is already followed");
    const [feed] = await store.list();
    expect(feed?.source).toBe("command");
    // Who added it is kept as a salted hash, never the user id.
    expect(JSON.stringify(await store.list())).not.toContain("U0EDITOR");
    expect(await slash(run, "feeds add not a url", "U0EDITOR")).toContain("Give one feed address");
    expect(await slash(run, `feeds remove ${url}`, "U0SOMEONE")).toContain("Only the people");
    expect(await slash(run, `feeds remove ${url}`, "U0EDITOR")).toContain(
      `No longer following ${url}`,
    );
    expect(await store.list()).toEqual([]);
  });

  test("sources shows a failing feed's error in plain words, then its recovery", async () => {
    const url = server.url("/rss");
    await store.add({ url, source: "config" }, clock);
    let status = 500;
    server.route("/rss", () => ({
      status,
      body: status === 200 ? rssFeed([FULL_ARTICLE], "Dawn & Tribune <wire>") : "",
    }));
    const adder = createRecordingAdder();
    const poller = createFeedPoller({
      store,
      fetch: createSafeFetch({ allowHosts: [new URL(url).host] }),
      addArticle: adder.addArticle,
      now: () => clock,
      random: () => 0.5,
      policy: { pollSeconds: 60 },
    });
    await poller.pollDue();
    const failing = await slash(run, "sources", "U0SOMEONE");
    expect(failing).toContain("1 feed followed, 1 failing");
    expect(failing).toMatch(
      /never polled · 0 items added · :warning: .*HTTP 500.*\(1 failure in a row\) · next try 2026-12-07 09:02 UTC · from FEEDS/,
    );
    status = 200;
    clock = new Date(clock.getTime() + 120_000);
    await poller.pollDue();
    const recovered = await slash(run, "feeds", "U0SOMEONE");
    expect(recovered).toContain("1 feed followed*");
    expect(recovered).toContain(
      "polled 2026-12-07 09:02 UTC · 1 item added · next try 2026-12-07 09:03 UTC",
    );
    expect(recovered).not.toContain(":warning:");
    // The feed's own title is escaped: it can't form a Slack token.
    expect(recovered).toMatch(/\|Dawn &amp; Tribune[^<>|]*>\*: polled/);
    await store.remove(url);
  });

  test("the Home tab shows the feeds to editors only", async () => {
    await store.add({ url: "https://tribune.example/feed", source: "config" }, clock);
    const views = await openHomeTabs(run, ["U0EDITOR", "U0MEMBER"]);
    expect(shown(views[0]?.body)).toContain("https://tribune.example/feed");
    expect(shown(views[1]?.body)).not.toContain("tribune.example");
  });
});
