import { once } from "node:events";
import { appendFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import { healthHandler } from "../../src/slack/health.ts";
import { articleText, createKnowledgeDir } from "../helpers/knowledge-dir.ts";
import { startSlackApp } from "../helpers/slack-app.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FACT = (quote: string) =>
  `- id: border-length\n  subject: border\n  attribute: length\n  value: 959\n  unit: km\n  source: ties#1\n  quote: "${quote}"\n`;

async function health(base: string) {
  const res = await fetch(`${base}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test("GET /healthz says degraded, with the reason, after a failed reload, and ready after a good one", async () => {
  const folder = await createKnowledgeDir({
    "articles/ties.txt": articleText("Ties", ["Pakistan and Iran share a 959km border."]),
    "facts/border.yml": FACT("a 959km border"),
  });
  cleanups.push(folder.remove);
  const run = await startSlackApp({ knowledgeDir: folder.dir });
  cleanups.push(run.stop);
  const facts = path.join(folder.dir, "facts", "border.yml");

  expect(await health(run.baseUrl)).toMatchObject({ status: 200, body: { status: "ready" } });

  await appendFile(facts, FACT("a 2099km border").replace("border-length", "border-wrong"));
  expect(await run.knowledge.reload()).toMatchObject({ ok: false });
  const degraded = await health(run.baseUrl);
  expect(degraded).toEqual({
    status: 200,
    body: {
      ok: true,
      status: "degraded",
      reason: expect.stringContaining(`${facts}:14: quote not found in passage ties#1`),
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      counts: run.knowledge.counts(),
    },
  });
  expect(degraded.body.reason).toContain("serving the last good index from");

  await writeFile(facts, FACT("a 959km border"));
  expect(await run.knowledge.reload()).toMatchObject({ ok: true });
  expect(await health(run.baseUrl)).toEqual({
    status: 200,
    body: { ok: true, status: "ready", counts: run.knowledge.counts() },
  });
});

test("GET /healthz answers 503 starting while no index serves", async () => {
  const knowledge = createKnowledgeService({ dir: "no-such-folder", watch: false });
  await knowledge.ready.catch(() => {});
  const server = createServer(healthHandler({ knowledge }));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(async () => {
    server.close();
    await once(server, "close");
  });
  const { port } = server.address() as AddressInfo;
  expect(await health(`http://127.0.0.1:${port}`)).toEqual({
    status: 503,
    body: { ok: false, status: "starting" },
  });
});
