import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AddedFrom } from "../../src/ingest/article-store.ts";
import { createArticleRemover } from "../../src/ingest/remove-article.ts";
import { createMemoryArticleStore } from "../../src/store/memory/article-store.ts";
import { createMemoryFeedStore } from "../../src/store/memory/feed-store.ts";
import { createRateLimit } from "../../src/util/rate-limit.ts";
import { createRecordingAdder } from "../feeds/recording-adder.ts";
import { pingsIn, stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { newArticle } from "../helpers/new-article.ts";
import {
  openHomeTabs,
  postSlashCommand,
  type RunningSlackApp,
  startSlackApp,
} from "../helpers/slack-app.ts";

const NOW = new Date("2026-12-07T09:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

const article = (id: string, title: string, addedAt: string, addedFrom: AddedFrom) =>
  newArticle(id, { title, publisher: "Dawn & <Tribune>", addedAt, addedFrom });

describe("/iranpak sources and the Home tab list the week's hand adds", () => {
  let run: RunningSlackApp;
  const articles = createMemoryArticleStore();
  beforeAll(async () => {
    await articles.add(article("old", "Older than a week", daysAgo(8), { kind: "hand" }));
    await articles.add(
      article("fed", "From the feed", daysAgo(1), {
        kind: "feed",
        feedUrl: "https://www.dawn.com/feeds/home",
      }),
    );
    await articles.add(article("first", "Gwadar <!channel> *port*", daysAgo(6), { kind: "hand" }));
    await articles.add(article("second", "Taftan crossing", daysAgo(0.5), { kind: "hand" }));
    const adder = createRecordingAdder();
    run = await startSlackApp({
      deps: {
        now: () => NOW,
        feeds: { store: createMemoryFeedStore(), editors: ["U0EDITOR"] },
        editing: {
          add: adder.addArticle,
          remove: createArticleRemover({ store: articles }),
          editors: ["U0EDITOR"],
          addLimit: createRateLimit({ limit: 10, windowMs: 60_000 }),
          articles,
        },
      },
    });
  });
  afterAll(() => run.stop());

  test("sources lists each hand add of the last week, newest first, escaped, and no feed item", async () => {
    const res = await postSlashCommand(run, "sources", { user: "U0SOMEONE", channel: "C0FEEDS" });
    const text = stringsIn(res.json).join("\n");
    expect(text).toContain("*2 articles added by hand in the last week*");
    const second = text.indexOf("Taftan crossing");
    expect(second).toBeGreaterThan(-1);
    expect(text.indexOf("Gwadar")).toBeGreaterThan(second);
    expect(text).toContain(
      "• *<https://dawn.com/second|Taftan crossing>* · Dawn &amp; &lt;Tribune&gt; · added 2026-12-06 21:00 UTC",
    );
    expect(text).toContain(
      "• *<https://dawn.com/first|Gwadar &lt;!channel&gt; *port*>* · Dawn &amp; &lt;Tribune&gt; · added 2026-12-01 09:00 UTC",
    );
    expect(text).not.toContain("Older than a week");
    expect(text).not.toContain("From the feed");
    expect(pingsIn(res.json)).toEqual([]);
  });

  test("the Home tab lists them for editors only", async () => {
    const views = await openHomeTabs(run, ["U0EDITOR", "U0MEMBER"]);
    expect(stringsIn(views[0]?.body).join("\n")).toContain(
      "2 articles added by hand in the last week",
    );
    expect(stringsIn(views[1]?.body).join("\n")).not.toContain("Taftan crossing");
  });
});
