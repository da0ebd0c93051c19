/**
 * The bot (src/main.ts in HTTP mode) on PostgreSQL through a TCP proxy that can be made to
 * swallow every packet: a network partition, not a stopped server. Every kind of question is
 * still answered within 3 s, and the questions asked meanwhile reach the table once it is back.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { httpBotEnv } from "../helpers/bot-env.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import { directMessage, eventCallback, slashCommandFields, uniqueId } from "../helpers/payloads.ts";
import { type RunningScript, startScript } from "../helpers/run-script.ts";
import { commandForm, postSigned } from "../helpers/sign-request.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../helpers/slack-api-stand-in.ts";
import { startTcpProxy } from "../helpers/tcp-proxy.ts";
import { createTestSchema, describePostgres } from "../store/postgres.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The answer to `/iranpak <text>`, in the ack or (past the ack deadline) at its response_url. */
async function slash(api: SlackApiStandIn, eventsUrl: string, text: string): Promise<string> {
  const id = uniqueId("cmd");
  const res = await postSigned(
    eventsUrl,
    commandForm({
      ...slashCommandFields(),
      channel_id: "C0PART01",
      user_id: "U0PART01",
      text,
      response_url: api.responseUrl(id),
    }),
  );
  expect(res.status).toBe(200);
  const acked = stringsIn(res.json).join("\n");
  if (!acked.includes("Looking that up")) return acked;
  return stringsIn((await api.waitForResponse((p) => p.id === id, 30_000)).body).join("\n");
}

async function questionRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("SELECT count(*)::int AS n FROM question_log")).rows[0].n;
  } finally {
    await client.end();
  }
}

describePostgres("answering while PostgreSQL is behind a partition", () => {
  it("answers every kind of question within 3 s, and saves the questions once it is back", async () => {
    const api = await startSlackApiStandIn();
    cleanups.push(() => api.close());
    const schema = await createTestSchema();
    cleanups.push(() => schema.drop());
    const direct = new URL(schema.url);
    const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port) });
    cleanups.push(() => proxy.close());
    const proxied = new URL(schema.url);
    proxied.port = String(proxy.port);

    const dataDir = await mkdtemp(path.join(tmpdir(), "iranpak-partition-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const bot: RunningScript = startScript(
      "src/main.ts",
      httpBotEnv(api.apiUrl, dataDir, {
        DATABASE_URL: proxied.toString(),
        DIGEST_CHANNELS: "C0PART01",
      }),
    );
    cleanups.push(async () => {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await bot.exited;
    });
    const [, port] = await bot.waitFor(/listening for Slack on port (\d+)/, 30_000);
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    // Before: connections open and in use.
    expect(await slash(api, eventsUrl, "gas pipeline")).toContain("pipeline");

    proxy.swallow();
    const timed = async (what: string, answer: () => Promise<string>) => {
      const started = performance.now();
      const text = await answer();
      const ms = performance.now() - started;
      console.log(`during a partition: ${what} answered in ${Math.round(ms)} ms`);
      expect(ms, what).toBeLessThan(3_000);
      return text;
    };
    expect(await timed("a slash question", () => slash(api, eventsUrl, "Chabahar port"))).toMatch(
      /Chabahar/,
    );
    expect(await timed("/iranpak more", () => slash(api, eventsUrl, "more"))).toMatch(
      /Chabahar|No more results/,
    );
    expect(await timed("/iranpak digest", () => slash(api, eventsUrl, "digest"))).toMatch(
      /digest/i,
    );
    expect(await timed("/iranpak help", () => slash(api, eventsUrl, "help"))).not.toBe("");
    const answered = (channel: string) => async () => {
      const call = await api.waitForCall("chat.postMessage", (c) => c.body.channel === channel);
      return JSON.stringify(call.body);
    };
    const dm = directMessage("border", { channel: uniqueId("D0PART") });
    await postSigned(eventsUrl, eventCallback(dm));
    await timed("a DM", answered(String(dm.channel)));
    const mention = {
      type: "app_mention",
      user: "U0ASKER01",
      text: "<@U08BOTIRPK> gas pipeline length",
      ts: "1732610045.318229",
      channel: uniqueId("C0MENT"),
      event_ts: "1732610045.318229",
    };
    await postSigned(eventsUrl, eventCallback(mention));
    await timed("a mention", answered(mention.channel));

    proxy.heal();
    // Before: 1; asked meanwhile: the slash question, the DM and the mention.
    await expect.poll(() => questionRows(schema.url), { timeout: 60_000, interval: 1_000 }).toBe(4);
  }, 120_000);
});
