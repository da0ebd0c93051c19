import { afterEach, describe, expect, it } from "vitest";
import { CONSOLE_COMMAND_HANDLERS } from "../../src/console/command-handlers.ts";
import type { AddedFrom } from "../../src/ingest/article-store.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import { createMemoryArticleStore } from "../../src/store/memory/article-store.ts";
import { createMemoryMoreStore } from "../../src/store/memory/more-store.ts";
import { articleText, createKnowledgeDir, type TempDir } from "../helpers/knowledge-dir.ts";
import { newArticle } from "../helpers/new-article.ts";

const NOW = new Date("2026-12-07T12:00:00.000Z");

const added = (id: string, addedAt: string, addedFrom: AddedFrom) =>
  newArticle(id, { addedAt, addedFrom });

describe("the console's sources", () => {
  let folder: TempDir | undefined;
  afterEach(() => folder?.remove());

  it("lists the articles added by hand in the last week, not older ones or a feed's", async () => {
    folder = await createKnowledgeDir({
      "articles/ties.txt": articleText("Ties", ["Pakistan and Iran share a border."]),
    });
    const knowledge = createKnowledgeService({ dir: folder.dir, watch: false });
    await knowledge.ready;
    const articles = createMemoryArticleStore();
    await articles.add(added("recent", "2026-12-06T09:00:00.000Z", { kind: "hand" }));
    await articles.add(added("old", "2026-11-20T09:00:00.000Z", { kind: "hand" }));
    const feed = { kind: "feed", feedUrl: "https://dawn.com/feed.xml" } as const;
    await articles.add(added("fed", "2026-12-06T10:00:00.000Z", feed));
    const context = {
      knowledge,
      more: createMemoryMoreStore({ ttlMs: 60_000 }),
      now: () => NOW,
      articles,
    };

    const text = await CONSOLE_COMMAND_HANDLERS.sources("", context);

    expect(text).toContain("1 article added by hand in the last week:");
    expect(text).toContain("- Title recent (Dawn, added 2026-12-06T09:00:00.000Z)");
    expect(text).not.toContain("Title old");
    expect(text).not.toContain("Title fed");
    expect(text).toContain("- Ties (ties, 1 passages)");
    const weekLater = { ...context, now: () => new Date("2026-12-14T12:00:00.000Z") };
    expect(await CONSOLE_COMMAND_HANDLERS.sources("", weekLater)).not.toContain("by hand");
    await knowledge.close();
  });
});
