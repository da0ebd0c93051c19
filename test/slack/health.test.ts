import { once } from "node:events";
import { appendFile, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import { healthHandler } from "../../src/slack/health.ts";
import { articleText, createKnowledgeDir } from "../helpers/knowledge-dir.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { eventCallback } from "../helpers/payloads.ts";
import { postSigned } from "../helpers/sign-request.ts";
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
      reason: expect.stringContaining(
        "first facts/border.yml:14: quote not found in passage ties#1",
      ),
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

test("GET /healthz and the Home tab name a bad link relative to the knowledge folder; only the log has the absolute ones", async () => {
  const folder = await createKnowledgeDir({
    "articles/ties.txt": articleText("Ties", ["Pakistan and Iran share a 959km border."]),
  });
  cleanups.push(folder.remove);
  const outside = await mkdtemp(path.join(tmpdir(), "iranpak-outside-"));
  cleanups.push(() => rm(outside, { recursive: true, force: true }));
  const secret = path.join(outside, "passwd");
  await writeFile(secret, "root:x:0:0:root:/root:/bin/bash\n");
  const run = await startSlackApp({ knowledgeDir: folder.dir });
  cleanups.push(run.stop);

  await symlink(secret, path.join(folder.dir, "articles", "passwd.txt"));
  // What the service logs: the absolute paths, for whoever runs the server.
  const logged = (await run.knowledge.reload()).error;
  expect(logged).toContain(path.join(folder.dir, "articles", "passwd.txt"));
  expect(logged).toContain(secret);
  const { body } = await health(run.baseUrl);
  expect(body.status).toBe("degraded");
  expect(body.reason).toContain(
    "first articles/passwd.txt: is a link to …, outside the knowledge folder",
  );
  expect(body.reason).not.toContain(folder.dir);
  expect(body.reason).not.toContain(outside);

  run.slack.reply("views.publish", () => ({ ok: true }));
  await postSigned(
    run.eventsUrl,
    eventCallback({ type: "app_home_opened", user: "U0HOMELINK", tab: "home", event_ts: "1.2" }),
  );
  const publish = await run.slack.waitForCall(
    "views.publish",
    (c) => c.body.user_id === "U0HOMELINK",
  );
  const home = stringsIn(publish.body.view).join("\n");
  expect(home).toContain("articles/passwd.txt");
  expect(home).not.toContain(folder.dir);
  expect(home).not.toContain(outside);
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
