import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { type DigestDeps, postDigests } from "../../src/digest/post.ts";
import { startDigestScheduler } from "../../src/digest/post-on-schedule.ts";
import { createDigestPreview } from "../../src/digest/preview.ts";
import type { DigestSchedule } from "../../src/digest/schedule.ts";
import { createDigestWiring } from "../../src/digest-wiring.ts";
import { silentLogger } from "../../src/log/logger.ts";
import type { QuestionLog } from "../../src/questions/question-log.ts";
import { createDigestClient, SLACK_DIGEST_PRESENTER } from "../../src/slack/digest-client.ts";
import { limitViolations } from "../../src/slack/render/limits.ts";
import { createDigestStore } from "../../src/store/file/digest-store.ts";
import { openQuestionLog } from "../../src/store/file/question-log.ts";
import { createFileStores } from "../../src/store/file/stores.ts";
import { createMemoryFeedbackStore } from "../../src/store/memory/feedback-store.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../helpers/slack-api-stand-in.ts";
import { fact, fakeClock, knowledgeBase, manyFacts, recordingLogger } from "./fixtures.ts";

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const TOKEN = "xoxb-test-digest";

let slack: SlackApiStandIn;
let dataDir: string;

beforeEach(async () => {
  slack = await startSlackApiStandIn();
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-digest-"));
});
afterEach(async () => {
  await slack.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Setup {
  deps: DigestDeps & { questions: QuestionLog; presenter: typeof SLACK_DIGEST_PRESENTER };
  logger: ReturnType<typeof recordingLogger>;
}

function setup(
  options: { channels?: string[]; schedule?: Partial<DigestSchedule>; now?: Date } = {},
): Setup {
  const logger = recordingLogger();
  const kb = knowledgeBase({ facts: manyFacts(12) });
  return {
    logger,
    deps: {
      // Fast retries: the behaviour is the client's, not what these tests are about.
      presenter: SLACK_DIGEST_PRESENTER,
      client: createDigestClient({
        token: TOKEN,
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 1 },
      }),
      channels: options.channels ?? ["C0DIGEST1"],
      schedule: {
        time: { hour: 9, minute: 0 },
        timeZone: "UTC",
        days: EVERY_DAY,
        ...options.schedule,
      },
      store: createDigestStore({ dataDir, logger }),
      knowledge: () => kb,
      questions: openQuestionLog({
        dataDir,
        retentionDays: 30,
        logger,
        now: options.now ?? new Date("2026-05-04T00:00:00Z"),
      }),
      logger,
    },
  };
}

function posts(channel?: string) {
  return slack
    .callsTo("chat.postMessage")
    .filter((c) => channel === undefined || c.body.channel === channel);
}

describe("postDigests", () => {
  it("posts a cited digest with link previews off, then not again the same day", async () => {
    const { deps } = setup({ channels: ["C0DIGEST1", "C0DIGEST2"] });
    deps.questions.record({
      text: "How long is the pipeline?",
      answered: true,
      at: new Date("2026-05-04T08:00:00Z"),
    });
    const outcomes = await postDigests(deps, {
      now: new Date("2026-05-04T09:00:00Z"),
      mode: "scheduled",
    });
    expect(outcomes.map((o) => [o.channel, o.status, o.date])).toEqual([
      ["C0DIGEST1", "posted", "2026-05-04"],
      ["C0DIGEST2", "posted", "2026-05-04"],
    ]);
    const [post] = posts("C0DIGEST1");
    expect(post?.token).toBe(TOKEN);
    // The WebClient sends form fields: booleans arrive as text.
    expect(post?.body).toMatchObject({ unfurl_links: "false", unfurl_media: "false" });
    expect(String(post?.body.text)).toContain("Monday 4 May 2026");
    expect(JSON.stringify(post?.body.blocks)).toContain("1 question so far, 1 answered.");

    const state = JSON.parse(readFileSync(join(dataDir, "digest-state.json"), "utf8"));
    expect(state.channels.C0DIGEST1).toMatchObject({
      lastPostedDate: "2026-05-04",
      postedAt: "2026-05-04T09:00:00.000Z",
      ts: outcomes[0]?.ts,
      snapshot: { articleHashes: { a: expect.any(String) } },
    });

    const again = await postDigests(deps, {
      now: new Date("2026-05-04T15:00:00Z"),
      mode: "scheduled",
    });
    expect(again.map((o) => o.status)).toEqual(["already-posted", "already-posted"]);
    expect(posts()).toHaveLength(2);
  });

  it("shows only what is new since the channel's last digest, and questions asked after it", async () => {
    const { deps } = setup();
    await postDigests(deps, { now: new Date("2026-05-04T09:00:00Z"), mode: "scheduled" });
    const grown = knowledgeBase({
      facts: [...manyFacts(12), fact("brand-new-fact", { value: "959" })],
    });
    deps.knowledge = () => grown;
    deps.questions.record(
      {
        text: "Who funds <!channel> trade?",
        answered: false,
        at: new Date("2026-05-04T12:00:00Z"),
      },
      { origin: "mention", channel: "C0DIGEST1", user: "U0ASKER" },
    );
    await postDigests(deps, { now: new Date("2026-05-05T09:00:00Z"), mode: "scheduled" });
    const second = JSON.stringify(posts()[1]?.body.blocks);
    expect(second).toContain("1 new fact");
    expect(second).toContain("959");
    expect(second).not.toContain("In the knowledge base");
    expect(second).toContain("“Who funds &lt;!channel&gt; trade?”");
  });

  it("logs a failing channel with its reason, posts to the others, and retries it next run", async () => {
    const { deps, logger } = setup({ channels: ["C0NOTIN", "C0FINE", "C0BROKEN"] });
    slack.fail("chat.postMessage", { error: "not_in_channel" }, { channel: "C0NOTIN" });
    slack.fail("chat.postMessage", { status: 503 }, { channel: "C0BROKEN", times: 3 });
    const first = await postDigests(deps, {
      now: new Date("2026-05-04T09:00:00Z"),
      mode: "scheduled",
    });
    expect(first.map((o) => [o.channel, o.status, o.error])).toEqual([
      ["C0NOTIN", "failed", "not_in_channel"],
      ["C0FINE", "posted", undefined],
      ["C0BROKEN", "failed", "HTTP 503"],
    ]);
    expect(logger.errors).toEqual([
      "digest for C0NOTIN on 2026-05-04 was not posted: not_in_channel (invite the bot with /invite @iranpak in that channel); a later run today can post it (the bot retries within 15 minutes)",
      "digest for C0BROKEN on 2026-05-04 was not posted: HTTP 503; a later run today can post it (the bot retries within 15 minutes)",
    ]);
    // Three attempts for the 503 (one try and two retries), one for each of the others.
    expect(posts("C0BROKEN")).toHaveLength(3);

    const retry = await postDigests(deps, {
      now: new Date("2026-05-04T10:00:00Z"),
      mode: "scheduled",
    });
    expect(retry.map((o) => [o.channel, o.status])).toEqual([
      ["C0NOTIN", "posted"],
      ["C0FINE", "already-posted"],
      ["C0BROKEN", "posted"],
    ]);
    expect(posts("C0FINE")).toHaveLength(1);
  });

  it("posts to the other channels when one channel's claim fails (an over-long id)", async () => {
    const long = `C${"X".repeat(3_000)}`;
    const { deps, logger } = setup({ channels: ["C0FIRST", long, "C0LAST"] });
    const store = deps.store;
    deps.store = {
      ...store,
      claim: (date, channel, options) =>
        channel.length > 100
          ? Promise.reject(new Error("index row size 3016 exceeds btree version 4 maximum"))
          : store.claim(date, channel, options),
    };
    const outcomes = await postDigests(deps, {
      now: new Date("2026-05-04T09:00:00Z"),
      mode: "scheduled",
    });
    expect(outcomes.map((o) => o.status)).toEqual(["posted", "failed", "posted"]);
    expect(posts("C0LAST")).toHaveLength(1);
    expect(logger.errors).toHaveLength(1);
  });

  it("waits out a 429's Retry-After and then posts", async () => {
    const { deps } = setup();
    slack.fail("chat.postMessage", { status: 429, retryAfter: 1 });
    const [outcome] = await postDigests(deps, {
      now: new Date("2026-05-04T09:00:00Z"),
      mode: "scheduled",
    });
    expect(outcome?.status).toBe("posted");
    expect(posts()).toHaveLength(2);
  });

  it("posts once when two processes race for the same day on the same data folder", async () => {
    const a = setup({ channels: ["C0RACE1", "C0RACE2", "C0RACE3"] });
    const b = setup({ channels: ["C0RACE1", "C0RACE2", "C0RACE3"] });
    const now = new Date("2026-05-04T09:00:00Z");
    const [fromA, fromB] = await Promise.all([
      postDigests(a.deps, { now, mode: "scheduled" }),
      postDigests(b.deps, { now, mode: "scheduled" }),
    ]);
    for (const channel of ["C0RACE1", "C0RACE2", "C0RACE3"]) {
      expect(posts(channel)).toHaveLength(1);
      const statuses = [...fromA, ...fromB]
        .filter((o) => o.channel === channel)
        .map((o) => o.status);
      expect(statuses.sort()).toEqual(["claimed-elsewhere", "posted"]);
    }
    // Both processes' records survive in the state file.
    const state = JSON.parse(readFileSync(join(dataDir, "digest-state.json"), "utf8"));
    expect(Object.keys(state.channels).sort()).toEqual(["C0RACE1", "C0RACE2", "C0RACE3"]);
  });

  it("posts once when separate OS processes race for the same day", async () => {
    const channels = ["C0PROC1", "C0PROC2", "C0PROC3", "C0PROC4"];
    const worker = fileURLToPath(new URL("../digest/post-digests-worker.ts", import.meta.url));
    const runWorker = () =>
      new Promise<{ status: string; channel: string }[]>((resolve, reject) => {
        execFile(
          process.execPath,
          ["--import", "tsx", worker, dataDir, slack.apiUrl, "2026-05-04T09:30:00Z", ...channels],
          (error, stdout, stderr) =>
            error ? reject(new Error(stderr)) : resolve(JSON.parse(stdout)),
        );
      });
    const results = (await Promise.all([runWorker(), runWorker()])).flat();
    for (const channel of channels) {
      expect(posts(channel)).toHaveLength(1);
      expect(results.filter((o) => o.channel === channel && o.status === "posted")).toHaveLength(1);
    }
  });

  it("does not post again after the state file was corrupted, and says so", async () => {
    const { deps, logger } = setup();
    await postDigests(deps, { now: new Date("2026-05-04T09:00:00Z"), mode: "scheduled" });
    writeFileSync(join(dataDir, "digest-state.json"), "{ not json");
    const outcomes = await postDigests(deps, {
      now: new Date("2026-05-04T11:00:00Z"),
      mode: "scheduled",
    });
    expect(outcomes.map((o) => o.status)).toEqual(["claimed-elsewhere"]);
    expect(posts()).toHaveLength(1);
    expect(logger.warnings.join("\n")).toMatch(
      /digest state is unreadable .* moved it to .*digest-state\.json\.corrupt-/,
    );
    expect(readdirSync(dataDir).filter((f) => f.includes(".corrupt-"))).toHaveLength(1);
    // The next day posts as usual, and the state file is whole again.
    await postDigests(deps, { now: new Date("2026-05-05T09:00:00Z"), mode: "scheduled" });
    expect(posts()).toHaveLength(2);
    expect((await deps.store.read()).channels.C0DIGEST1?.lastPostedDate).toBe("2026-05-05");
  });

  it("posts any time of day with mode now, but once, and again only with force", async () => {
    const { deps } = setup({ schedule: { days: [1] } });
    // A Sunday, before the scheduled time: cron decided it is time.
    const sunday = new Date("2026-05-03T06:00:00Z");
    expect((await postDigests(deps, { now: sunday, mode: "scheduled" }))[0]?.status).toBe(
      "not-due",
    );
    expect((await postDigests(deps, { now: sunday, mode: "now" }))[0]?.status).toBe("posted");
    expect((await postDigests(deps, { now: sunday, mode: "now" }))[0]?.status).toBe(
      "already-posted",
    );
    expect((await postDigests(deps, { now: sunday, mode: "force" }))[0]?.status).toBe("posted");
    expect(posts()).toHaveLength(2);
  });
});

describe("startDigestScheduler", () => {
  it("posts at the scheduled time, once a day, and not before", async () => {
    const { deps } = setup();
    const time = fakeClock("2026-05-04T07:30:00Z");
    const scheduler = startDigestScheduler({ ...deps, clock: time.clock });
    await scheduler.settled();
    expect(posts()).toHaveLength(0);
    await time.advanceTo("2026-05-04T08:59:59Z", scheduler);
    expect(posts()).toHaveLength(0);
    await time.advanceTo("2026-05-04T09:00:00Z", scheduler);
    expect(posts()).toHaveLength(1);
    await time.advanceTo("2026-05-05T08:59:00Z", scheduler);
    expect(posts()).toHaveLength(1);
    await time.advanceTo("2026-05-06T12:00:00Z", scheduler);
    expect(posts().map((p) => String(p.body.text).match(/\d+ May/)?.[0])).toEqual([
      "4 May",
      "5 May",
      "6 May",
    ]);
    await scheduler.stop();
    expect(time.pending()).toEqual([]);
  });

  it("forgets votes older than the questions' retention on each run", async () => {
    const { deps } = setup();
    const votes = createMemoryFeedbackStore();
    const cast = (answer: string, at: string) =>
      votes.vote({
        answer,
        voter: "abcd1234.0000000000000001",
        helpful: false,
        at,
        origin: "command",
        answered: true,
      });
    await cast("00000000000000b1", "2026-03-01T09:00:00.000Z");
    await cast("00000000000000b2", "2026-05-01T09:00:00.000Z");
    const time = fakeClock("2026-05-04T09:00:00Z");
    const scheduler = startDigestScheduler({
      ...deps,
      clock: time.clock,
      retentionDays: 30,
      votes,
    });
    await scheduler.settled();
    await scheduler.stop();
    expect((await votes.votes()).map((v) => v.answer)).toEqual(["00000000000000b2"]);
  });

  it("catches up after a restart later the same day, and posts nothing on a restart after that", async () => {
    const first = setup();
    const late = fakeClock("2026-05-04T14:00:00Z");
    const one = startDigestScheduler({ ...first.deps, clock: late.clock });
    await one.settled();
    expect(posts()).toHaveLength(1);
    await one.stop();

    const second = setup();
    const later = fakeClock("2026-05-04T20:00:00Z");
    const two = startDigestScheduler({ ...second.deps, clock: later.clock });
    await two.settled();
    expect(posts()).toHaveLength(1);
    await two.stop();
  });

  it("never posts a missed day late: down all of the 4th, it posts the 5th's at 09:00", async () => {
    const { deps } = setup();
    await postDigests(deps, { now: new Date("2026-05-03T09:00:00Z"), mode: "scheduled" });
    const time = fakeClock("2026-05-05T06:00:00Z");
    const scheduler = startDigestScheduler({ ...deps, clock: time.clock });
    await scheduler.settled();
    expect(posts()).toHaveLength(1);
    await time.advanceTo("2026-05-05T09:00:00Z", scheduler);
    expect(posts()).toHaveLength(2);
    expect(String(posts()[1]?.body.text)).toContain("5 May");
    await scheduler.stop();
  });

  it("posts a 02:30 New York digest at 03:00 on the spring-forward day, and 02:30 the day after", async () => {
    const { deps } = setup({
      schedule: { time: { hour: 2, minute: 30 }, timeZone: "America/New_York" },
    });
    const time = fakeClock("2026-03-08T05:00:00Z"); // 00:00 EST
    const scheduler = startDigestScheduler({ ...deps, clock: time.clock });
    await scheduler.settled();
    await time.advanceTo("2026-03-08T06:59:00Z", scheduler);
    expect(posts()).toHaveLength(0);
    await time.advanceTo("2026-03-08T07:00:00Z", scheduler); // 03:00 EDT
    expect(posts()).toHaveLength(1);
    await time.advanceTo("2026-03-09T06:29:00Z", scheduler);
    expect(posts()).toHaveLength(1);
    await time.advanceTo("2026-03-09T06:30:00Z", scheduler); // 02:30 EDT
    expect(posts()).toHaveLength(2);
    await scheduler.stop();
  });

  it("posts once when 01:30 happens twice on New York's fall-back day", async () => {
    const { deps } = setup({
      schedule: { time: { hour: 1, minute: 30 }, timeZone: "America/New_York" },
    });
    const time = fakeClock("2026-11-01T04:00:00Z"); // 00:00 EDT
    const scheduler = startDigestScheduler({ ...deps, clock: time.clock });
    await scheduler.settled();
    await time.advanceTo("2026-11-01T05:30:00Z", scheduler); // first 01:30 (EDT)
    expect(posts()).toHaveLength(1);
    await time.advanceTo("2026-11-01T07:00:00Z", scheduler); // past the second 01:30 (EST)
    expect(posts()).toHaveLength(1);
    // A restart in the repeated hour does not post either.
    const restarted = startDigestScheduler({ ...setup().deps, clock: time.clock });
    await restarted.settled();
    expect(posts()).toHaveLength(1);
    await restarted.stop();
    await time.advanceTo("2026-11-02T06:30:00Z", scheduler); // 01:30 EST
    expect(posts()).toHaveLength(2);
    await scheduler.stop();
  });

  it("prunes the question log on each run", async () => {
    const { deps } = setup();
    deps.questions.record({
      text: "old question",
      answered: true,
      at: new Date("2026-03-01T00:00:00Z"),
    });
    const time = fakeClock("2026-05-04T07:00:00Z");
    const scheduler = startDigestScheduler({ ...deps, clock: time.clock });
    await scheduler.settled();
    expect(deps.questions.summarise().total).toBe(0);
    await scheduler.stop();
  });
});

describe("answers found wrong", () => {
  it("join the gaps of the channel they were given in, and are only counted elsewhere", async () => {
    const { deps } = setup({ channels: ["C0DIGEST1", "C0DIGEST2"] });
    const feedback = createMemoryFeedbackStore();
    await feedback.vote({
      answer: "00000000000000aa",
      voter: "abcd1234.0000000000000001",
      helpful: false,
      at: "2026-05-04T08:00:00.000Z",
      origin: "mention",
      channel: "C0DIGEST1",
      question: "who paid for the pipeline?",
      answered: true,
    });
    await postDigests(
      { ...deps, feedback },
      { now: new Date("2026-05-04T09:00:00Z"), mode: "scheduled" },
    );
    const [here, elsewhere] = posts().map((p) => JSON.stringify(p.body.blocks));
    expect(here).toContain("Answers the team found wrong (marked not helpful):");
    expect(here).toContain("who paid for the pipeline?");
    expect(elsewhere).toContain("1 asked privately or in another channel (not quoted)");
    expect(elsewhere).not.toContain("who paid");
  });
});

describe("createDigestPreview", () => {
  it("shows today's digest for a channel without posting or changing state", async () => {
    const { deps } = setup();
    const preview = createDigestPreview({ ...deps, now: () => new Date("2026-05-04T07:00:00Z") });
    const message = await preview("C0DIGEST1");
    expect(message.text).toContain("Monday 4 May 2026");
    expect(JSON.stringify(message.blocks)).toContain("Preview: only you can see this");
    expect(limitViolations(message)).toEqual([]);
    expect(slack.calls).toEqual([]);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("previews the first digest channel's digest when asked from elsewhere", async () => {
    const { deps } = setup({ channels: ["C0DIGEST1", "C0DIGEST2"] });
    await postDigests(deps, { now: new Date("2026-05-04T09:00:00Z"), mode: "scheduled" });
    const preview = createDigestPreview({ ...deps, now: () => new Date("2026-05-05T07:00:00Z") });
    const sinceLast = JSON.stringify((await preview("C0DIGEST2")).blocks);
    expect(sinceLast).toContain("Nothing new since the last digest.");
    expect(JSON.stringify((await preview("D0SOMEDM")).blocks)).toBe(
      JSON.stringify((await preview("C0DIGEST1")).blocks),
    );
    expect(JSON.stringify((await preview()).blocks)).toBe(sinceLast);
    expect(posts()).toHaveLength(2);
  });
});

describe("createDigestWiring", () => {
  const env = (extra: Record<string, string>) =>
    parseConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: "0123456789abcdef0123",
      SLACK_API_URL: slack.apiUrl,
      DATA_DIR: dataDir,
      ...extra,
    });
  const kb = knowledgeBase({ facts: manyFacts(5) });

  it("records questions, previews, and starts a scheduler that posts through SLACK_API_URL", async () => {
    const config = env({ DIGEST_CHANNELS: "C0WIRED", DIGEST_TIME: "08:00" });
    const time = fakeClock("2026-05-04T10:00:00Z");
    const wiring = createDigestWiring(config, {
      stores: createFileStores({ dataDir, logger: silentLogger }),
      knowledge: { knowledge: () => kb },
      logger: recordingLogger(),
      now: time.clock.now,
    });
    wiring.questionLog.record(
      { text: "gas price?", answered: false, at: new Date("2026-05-04T09:00:00Z") },
      { origin: "mention", channel: "C0WIRED", user: "U0ASKER" },
    );
    expect(JSON.stringify((await wiring.preview?.("C0WIRED"))?.blocks)).toContain("gas price?");
    const scheduler = wiring.start({ clock: time.clock });
    await scheduler?.settled();
    const [post] = posts("C0WIRED");
    expect(post?.token).toBe(TOKEN);
    expect(JSON.stringify(post?.body.blocks)).toContain("gas price?");
    await scheduler?.stop();
  });

  it("without channels posts nowhere until one subscribes; without a bot token has no scheduler", async () => {
    // After the default digest time: the subscribed channel's digest is due at once.
    const time = fakeClock("2026-05-04T10:00:00Z");
    const noChannels = createDigestWiring(env({}), {
      stores: createFileStores({ dataDir, logger: silentLogger }),
      knowledge: { knowledge: () => kb },
      logger: recordingLogger(),
      now: time.clock.now,
    });
    const idle = noChannels.start({ clock: time.clock });
    await idle?.settled();
    expect(posts()).toEqual([]);
    await idle?.stop();
    await noChannels.subscriptions.add("C0LATER");
    const subscribed = noChannels.start({ clock: time.clock });
    await subscribed?.settled();
    expect(posts("C0LATER")).toHaveLength(1);
    await subscribed?.stop();
    noChannels.questionLog.record({ text: "q", answered: true, at: time.clock.now() });
    await noChannels.questionLog.ready;
    expect(noChannels.questionLog.summarise().total).toBe(1);
    const noToken = createDigestWiring(parseConfig({ DATA_DIR: dataDir, DIGEST_CHANNELS: "C0X" }), {
      stores: createFileStores({ dataDir, logger: silentLogger }),
      knowledge: { knowledge: () => kb },
      logger: recordingLogger(),
    });
    expect(noToken.preview).toBeDefined();
    expect(noToken.start()).toBeUndefined();
  });
});
