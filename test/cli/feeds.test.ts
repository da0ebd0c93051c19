import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runFeeds } from "../../src/cli/feeds.ts";
import { parseConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { FULL_ARTICLE, MALFORMED_RSS, rssFeed } from "../feeds/fixtures.ts";
import { createRecordingAdder } from "../feeds/recording-adder.ts";
import { collectOutput } from "../helpers/collect-output.ts";
import { type FeedServer, startFeedServer } from "../helpers/feed-server.ts";

let server: FeedServer;
let dataDir: string;

beforeEach(async () => {
  server = await startFeedServer();
  dataDir = await mkdtemp(path.join(tmpdir(), "iranpak-feeds-cli-"));
});

afterEach(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function run(args: string[], adder = createRecordingAdder()) {
  const config = parseConfig({
    DATA_DIR: dataDir,
    FEEDS: `${server.url("/good")},${server.url("/bad")}`,
    INGEST_ALLOW_HOSTS: new URL(server.url("/")).host,
  });
  const [output, error] = [collectOutput(), collectOutput()];
  const code = await runFeeds(
    args,
    { config, logger: silentLogger },
    { output: output.stream, error: error.stream, addArticle: adder.addArticle },
  );
  return { code, stdout: output.text(), stderr: error.text(), adder };
}

describe("npm run feeds", () => {
  it("poll polls every feed once, adds what is new, says what failed, and exits 1 for it", async () => {
    server.route("/good", () => ({ body: rssFeed([FULL_ARTICLE], "Wire") }));
    server.route("/bad", () => ({ body: MALFORMED_RSS }));
    const { code, stdout, adder } = await run(["poll"]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${server.url("/good")}: 1 new: 1 added, 0 duplicate`);
    expect(stdout).toContain(`${server.url("/bad")}: failed: The feed is not well-formed.`);
    expect(adder.added).toEqual([FULL_ARTICLE.link]);
  });

  it("list shows each feed's last poll, items added and error; --json the same as data", async () => {
    server.route("/good", () => ({ body: rssFeed([FULL_ARTICLE], "Wire") }));
    server.route("/bad", () => ({ status: 500 }));
    await run(["poll"]);
    const { code, stdout } = await run(["list"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Wire \(http:\/\/127\.0\.0\.1:\d+\/good\) \[FEEDS\]\n {2}last successful poll: \d{4}-\d\d-\d\d \d\d:\d\d UTC; items added: 1/,
    );
    expect(stdout).toContain("last successful poll: never; items added: 0");
    expect(stdout).toMatch(/failing \(1 in a row\): .*HTTP 500/);
    const listed = JSON.parse((await run(["list", "--json"])).stdout);
    expect(listed.map((f: { url: string; itemsAdded: number }) => [f.url, f.itemsAdded])).toEqual([
      [server.url("/good"), 1],
      [server.url("/bad"), 0],
    ]);
  });

  it("refuses unknown actions and options with the usage", async () => {
    for (const args of [[], ["fetch"], ["list", "--yaml"], ["poll", "--json"]]) {
      const { code, stderr } = await run(args);
      expect(code).toBe(2);
      expect(stderr).toContain("npm run feeds -- poll");
    }
  });
});
