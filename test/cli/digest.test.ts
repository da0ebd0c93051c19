import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { plainText, runDigest } from "../../src/cli/digest.ts";
import { parseConfig } from "../../src/config.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { openFeedbackFile } from "../../src/store/file/feedback-store.ts";
import { openSubscriptionFile } from "../../src/store/file/subscriptions.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../helpers/slack-api-stand-in.ts";

let kb: KnowledgeBase;
let slack: SlackApiStandIn;
let dataDir: string;

beforeAll(async () => {
  kb = await loadKnowledge("knowledge");
});
beforeEach(async () => {
  slack = await startSlackApiStandIn();
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-cli-digest-"));
});
afterEach(async () => {
  await slack.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const SLACK_ENV = {
  SLACK_BOT_TOKEN: "xoxb-cli-test",
  SLACK_SIGNING_SECRET: "0123456789abcdef0123",
};

async function run(args: string[], env: Record<string, string> = {}, now = "2026-05-04T10:00:00Z") {
  let out = "";
  const output = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const config = parseConfig({
    DATA_DIR: dataDir,
    DIGEST_TIMEZONE: "Asia/Karachi",
    SLACK_API_URL: slack.apiUrl,
    ...env,
  });
  const code = await runDigest(
    args,
    { config, logger: silentLogger, knowledge: { knowledge: () => kb } },
    { output, now: () => new Date(now) },
  );
  return { code, out };
}

describe("plainText", () => {
  it("takes off Slack's markers at word edges and keeps a lone or mid-word star", () => {
    expect(plainText("*Key facts*\n• *Border*, length: 959 km [1] _(as of 2019)_")).toBe(
      "Key facts\n• Border, length: 959 km [1] (as of 2019)",
    );
    expect(plainText("“is 2*3*4 = 24?” and *a* lone * star")).toBe(
      "“is 2*3*4 = 24?” and a lone * star",
    );
    expect(plainText("`/iranpak &lt;question&gt;`")).toBe("/iranpak <question>");
  });
});

describe("npm run digest", () => {
  it("--dry-run prints today's digest as plain text and changes nothing", async () => {
    const { code, out } = await run(["--dry-run"]);
    expect(code).toBe(0);
    const [title, underline] = out.split("\n");
    expect(title).toBe("Pakistan–Iran digest · Monday 4 May 2026");
    expect(underline).toMatch(/^=+$/);
    expect(out).toContain("Pakistan and Iran Move Closer to Deepen Ties");
    expect(out).toContain("\nKey facts\n");
    expect(out).toMatch(/\[1\] Pakistan and Iran Move Closer to Deepen Ties · ¶1/);
    // Plain text: none of Slack's bold or italic markers.
    expect(out).not.toMatch(/(^|\s)[*_]\S/m);
    expect(out).not.toMatch(/&amp;|&lt;|&gt;/);
    expect(slack.calls).toEqual([]);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("--json prints the Block Kit payload chat.postMessage would get", async () => {
    const { code, out } = await run(["--json", "--channel", "C0PREVIEW"]);
    expect(code).toBe(0);
    const payload = JSON.parse(out);
    expect(payload).toMatchObject({
      channel: "C0PREVIEW",
      text: expect.stringContaining("Monday 4 May 2026"),
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(payload.blocks[0].type).toBe("header");
    expect(slack.calls).toEqual([]);
  });

  it("picks the date in DIGEST_TIMEZONE", async () => {
    // 20:00Z on the 4th is 01:00 on the 5th in Karachi.
    const { out } = await run(["--dry-run"], {}, "2026-05-04T20:00:00Z");
    expect(out.split("\n")[0]).toBe("Pakistan–Iran digest · Tuesday 5 May 2026");
  });

  it("posts to every configured channel once a day, and again only with --force", async () => {
    const env = { ...SLACK_ENV, DIGEST_CHANNELS: "C0ONE,C0TWO" };
    const first = await run([], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^C0ONE: posted the digest for 2026-05-04 \(ts [\d.]+\)\nC0TWO: posted/,
    );
    const second = await run([], env, "2026-05-04T15:00:00Z");
    expect(second.out).toBe(
      "C0ONE: already posted for 2026-05-04; --force posts again\nC0TWO: already posted for 2026-05-04; --force posts again\n",
    );
    const forced = await run(["--force"], env, "2026-05-04T15:00:00Z");
    expect(forced.code).toBe(0);
    const posts = slack.callsTo("chat.postMessage");
    expect(posts.map((p) => p.body.channel)).toEqual(["C0ONE", "C0TWO", "C0ONE", "C0TWO"]);
    expect(posts.every((p) => p.token === "xoxb-cli-test")).toBe(true);
  });

  it("exits 1 and names the channel when a post fails", async () => {
    slack.fail("chat.postMessage", { error: "channel_not_found" }, { channel: "C0GONE" });
    const { code, out } = await run([], { ...SLACK_ENV, DIGEST_CHANNELS: "C0GONE,C0HERE" });
    expect(code).toBe(1);
    expect(out).toContain("C0GONE: FAILED: channel_not_found");
    expect(out).toContain("C0HERE: posted");
  });

  it("says what to set when there are no channels or no bot token", async () => {
    const noChannels = await run([], SLACK_ENV);
    expect(noChannels.code).toBe(1);
    expect(noChannels.out).toMatch(/^DIGEST_CHANNELS is empty: set it to the channel ids/);
    const noToken = await run([], { DIGEST_CHANNELS: "C0ONE" });
    expect(noToken.code).toBe(1);
    expect(noToken.out).toMatch(/^SLACK_BOT_TOKEN is not set/);
    expect(existsSync(join(dataDir, "digest-claims"))).toBe(false);
  });

  it("posts to channels subscribed from Slack as well as DIGEST_CHANNELS, as the bot does", async () => {
    // What `/iranpak digest subscribe` leaves behind, in the bot's own store.
    await openSubscriptionFile({ dataDir, logger: silentLogger }).add("C0SUBSCRIBED");
    const onlySubscribed = await run(["--force"], SLACK_ENV);
    expect(onlySubscribed.code).toBe(0);
    expect(onlySubscribed.out).toMatch(/^C0SUBSCRIBED: posted the digest for 2026-05-04/);
    const both = await run(["--force"], { ...SLACK_ENV, DIGEST_CHANNELS: "C0BASE" });
    expect(both.code).toBe(0);
    const posts = slack.callsTo("chat.postMessage");
    expect(posts.map((p) => p.body.channel)).toEqual(["C0SUBSCRIBED", "C0BASE", "C0SUBSCRIBED"]);
  });

  it("shows the answers found wrong, as the bot's digest does, in --dry-run, --json and the post", async () => {
    await openFeedbackFile({ dataDir, logger: silentLogger }).vote({
      answer: "00000000000000f1",
      voter: "abcd1234.0000000000000001",
      helpful: false,
      at: "2026-05-04T08:00:00.000Z",
      origin: "mention",
      channel: "C0ONE",
      question: "what does the gas pipeline cost per day?",
      answered: true,
    });
    const heading = "Answers the team found wrong";
    const quoted = "what does the gas pipeline cost per day?";
    const dry = await run(["--dry-run", "--channel", "C0ONE"]);
    expect(dry.out).toContain(heading);
    expect(dry.out).toContain(quoted);
    const json = await run(["--json", "--channel", "C0ONE"]);
    expect(json.out).toContain(heading);
    expect(json.out).toContain(quoted);
    const posted = await run([], { ...SLACK_ENV, DIGEST_CHANNELS: "C0ONE" });
    expect(posted.code).toBe(0);
    const [post] = slack.callsTo("chat.postMessage");
    expect(JSON.stringify(post?.body)).toContain(quoted);
  });

  it("says there is nowhere to post when no channel is set or subscribed", async () => {
    const { code, out } = await run(["--force"], SLACK_ENV);
    expect(code).toBe(1);
    expect(out).toMatch(/^DIGEST_CHANNELS is empty: .*no channel is subscribed/);
    expect(slack.callsTo("chat.postMessage")).toEqual([]);
  });

  it("rejects unknown or conflicting options with the usage", async () => {
    for (const args of [["--dryrun"], ["--dry-run", "--json"], ["--force", "--channel", "C1"]]) {
      const { code, out } = await run(args);
      expect(code).toBe(2);
      expect(out).toContain("usage:");
    }
  });
});

// Runs once src/cli/main.ts dispatches `digest` to runDigest (the lead wires it).
const cliHasDigest = readFileSync("src/cli/main.ts", "utf8").includes("runDigest");

describe.skipIf(!cliHasDigest)("npm run digest, as a user runs it", () => {
  it("prints the dry run and exits 0, with no Slack variables at all", async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>(
      (resolve) => {
        const child = execFile(
          process.execPath,
          ["--import", "tsx", "src/cli/main.ts", "digest", "--dry-run"],
          {
            env: {
              PATH: process.env.PATH ?? "",
              KNOWLEDGE_DIR: "knowledge",
              DATA_DIR: dataDir,
              DIGEST_TIMEZONE: "Asia/Karachi",
            },
          },
          (_error, out) => resolve({ code: child.exitCode, stdout: out }),
        );
      },
    );
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toMatch(/^Pakistan–Iran digest · \w+day \d+ \w+ \d{4}$/);
    expect(stdout).toContain("\nKey facts\n");
  });
});
