import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createArticleRemover } from "../../src/ingest/remove-article.ts";
import { createMemoryArticleStore } from "../../src/store/memory/article-store.ts";
import { createMemoryFeedStore } from "../../src/store/memory/feed-store.ts";
import { createRateLimit } from "../../src/util/rate-limit.ts";
import { createRecordingAdder } from "../feeds/recording-adder.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import {
  memorySlackDeps,
  openHomeTabs,
  postSlashCommand,
  type RunningSlackApp,
  startSlackApp,
} from "../helpers/slack-app.ts";

/** A store call behind a partition: no answer, no error, ever. */
const never = () => new Promise<never>(() => {});

describe("replies and the Home tab while the stores do not answer", () => {
  let run: RunningSlackApp;
  beforeAll(async () => {
    const stores = memorySlackDeps();
    const articles = createMemoryArticleStore();
    run = await startSlackApp({
      deps: {
        storeWaitMs: { optional: 50, needed: 100 },
        feedback: { ...stores.feedback, votes: never },
        subscriptions: { ...stores.subscriptions, list: never, add: never },
        digestSettings: {
          schedule: { time: { hour: 9, minute: 0 }, timeZone: "UTC", days: [1] },
          channels: [],
          admins: ["U0EDITOR"],
        },
        feeds: {
          store: { ...createMemoryFeedStore(), list: never, add: never },
          editors: ["U0EDITOR"],
        },
        editing: {
          add: createRecordingAdder().addArticle,
          remove: createArticleRemover({ store: articles }),
          editors: ["U0EDITOR"],
          addLimit: createRateLimit({ limit: 10, windowMs: 60_000 }),
          articles: { ...articles, list: never },
        },
      },
    });
  });
  afterAll(() => run.stop());

  test("the Home tab is published with what it has, and names each part it could not read", async () => {
    const [view] = await openHomeTabs(run, ["U0EDITOR"]);
    const text = stringsIn(view?.body).join("\n");
    expect(text).toContain(
      ":warning: _Couldn't read this week's votes, the followed feeds, the articles added by hand and the digest's channels just now; try again in a minute._",
    );
    expect(text).toContain("*Daily digest:* 09:00 UTC, Monday\n");
    expect(text).not.toContain("not posted anywhere yet");
    expect(text).not.toContain("marked not helpful");
    expect(text).toMatch(/\*What it knows:\* \d+ articles? · \d+ passages/);
  });

  test("/iranpak sources lists the articles, and says the feeds and hand adds could not be read", async () => {
    const res = await postSlashCommand(run, "sources", { user: "U0SOMEONE" });
    const text = stringsIn(res.json).join("\n");
    expect(text).toContain(
      "Couldn't read the followed feeds and the articles added by hand just now",
    );
    expect(text).toMatch(/\*\d+ articles?, \d+ passages\*/);
  });

  test("/iranpak feeds says it could not read them, rather than an empty list", async () => {
    const res = await postSlashCommand(run, "feeds", { user: "U0SOMEONE" });
    const text = stringsIn(res.json).join("\n");
    expect(text).toContain("Couldn't read the followed feeds just now; try again in a minute.");
    expect(text).not.toMatch(/no feeds/i);
  });

  test("/iranpak feeds add fails with a reply to try again, in time for the ack", async () => {
    const res = await postSlashCommand(run, "feeds add https://www.dawn.com/feeds/home", {
      user: "U0EDITOR",
    });
    expect(stringsIn(res.json).join("\n")).toMatch(/went wrong|try again/i);
    expect(run.logger.text("error")).toContain("following a feed: no answer within 100 ms");
  });
});
