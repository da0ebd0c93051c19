import { expect, test } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { createSlackApp } from "../../src/slack/app.ts";
import { articleText, createKnowledgeDir } from "../helpers/knowledge-dir.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { slashCommandFields } from "../helpers/payloads.ts";
import { commandForm, postSigned } from "../helpers/sign-request.ts";
import { memorySlackDeps, startSlackApp } from "../helpers/slack-app.ts";

test("createSlackApp refuses a console configuration", () => {
  const knowledge = createKnowledgeService({ dir: "knowledge", watch: false });
  expect(() =>
    createSlackApp(parseConfig({}), { knowledge, logger: silentLogger, ...memorySlackDeps() }),
  ).toThrow(/no Slack tokens are configured/);
  return knowledge.close();
});

test("a slow reply is acked first and sent through response_url; without a digest, digest says so", async () => {
  const folder = await createKnowledgeDir({
    "articles/gwadar.txt": articleText("Gwadar & Chabahar", [
      "Gwadar port faces Chabahar port across the border.",
    ]),
  });
  const run = await startSlackApp({
    knowledgeDir: folder.dir,
    deps: {
      ackDeadlineMs: 50,
      digestPreview: () =>
        new Promise((resolve) => setTimeout(resolve, 300, { text: "Late digest", blocks: [] })),
    },
  });
  try {
    const slash = (text: string, id: string) =>
      postSigned(
        run.eventsUrl,
        commandForm({ ...slashCommandFields(), text, response_url: run.slack.responseUrl(id) }),
      );
    const ack = await slash("digest", "late");
    expect(stringsIn(ack.json).join()).toContain("Looking that up…");
    const late = await run.slack.waitForResponse((r) => r.id === "late");
    expect(late.body).toMatchObject({
      response_type: "ephemeral",
      replace_original: true,
      text: "Late digest",
    });

    const answer = await slash("Gwadar port", "fast");
    expect(stringsIn(answer.json).join("\n")).toContain("[1] *Gwadar &amp; Chabahar* · ¶1");

    const sources = await slash("sources", "sources");
    expect(stringsIn(sources.json).join("\n")).toContain("*1 article, 1 passage*");
  } finally {
    await run.stop();
    await folder.remove();
  }

  const plain = await startSlackApp({ knowledgeDir: "knowledge" });
  try {
    const res = await postSigned(
      plain.eventsUrl,
      commandForm({ ...slashCommandFields(), text: "digest" }),
    );
    expect(stringsIn(res.json).join()).toContain("The daily digest goes to no channel yet");
  } finally {
    await plain.stop();
  }
});

test("stop() closes the HTTP server; the port no longer answers", async () => {
  const run = await startSlackApp();
  const healthz = `${run.baseUrl}/healthz`;
  expect((await fetch(healthz)).status).toBe(200);
  await run.stop();
  await expect(fetch(healthz)).rejects.toThrow();
  expect(run.app.port()).toBeUndefined();
});
