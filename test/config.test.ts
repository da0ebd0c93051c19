import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig, parseWeekdays } from "../src/config.ts";

const SECRET = "8f742231b10e8888abcd99aa0fcd85a5";

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
  }
  throw new Error("parseConfig accepted the environment");
}

describe("parseConfig picks the mode", () => {
  test("no Slack variables mean the console, with every default", () => {
    expect(parseConfig({})).toEqual({
      slack: { mode: "console" },
      knowledgeDir: "knowledge",
      dataDir: ".data",
      logLevel: "info",
      digest: {
        channels: [],
        time: { hour: 9, minute: 0 },
        timeZone: "UTC",
        days: [0, 1, 2, 3, 4, 5, 6],
        admins: [],
      },
      feeds: { urls: [], pollSeconds: 1800, firstItems: 20 },
      knowledgeEditors: [],
      ingestAllowHosts: [],
      questionLogRetentionDays: 30,
    });
  });

  test("reads KNOWLEDGE_EDITORS and INGEST_ALLOW_HOSTS, and names a bad entry in either", () => {
    const config = parseConfig({
      KNOWLEDGE_EDITORS: "U0AAA1, U0BBB2",
      INGEST_ALLOW_HOSTS: "wiki.intranet, 10.0.0.5:8080",
    });
    expect(config.ingestAllowHosts).toEqual(["wiki.intranet", "10.0.0.5:8080"]);
    expect(config.knowledgeEditors).toEqual(["U0AAA1", "U0BBB2"]);
    expect(() => parseConfig({ KNOWLEDGE_EDITORS: "C0CHANNEL" })).toThrow(/KNOWLEDGE_EDITORS/);
    expect(() => parseConfig({ INGEST_ALLOW_HOSTS: "http://wiki/" })).toThrow(/INGEST_ALLOW_HOSTS/);
  });

  test("a bot token and an app token mean Socket Mode", () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_APP_TOKEN: "xapp-1-A" });
    expect(config.slack).toEqual({ mode: "socket", botToken: "xoxb-1-2", appToken: "xapp-1-A" });
  });

  test("a bot token and a signing secret mean HTTP mode on PORT, 3000 by default", () => {
    const env = { SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_SIGNING_SECRET: SECRET };
    expect(parseConfig(env).slack).toEqual({
      mode: "http",
      botToken: "xoxb-1-2",
      signingSecret: SECRET,
      port: 3000,
    });
    expect(parseConfig({ ...env, PORT: "8080" }).slack).toMatchObject({ port: 8080 });
  });

  test("blank variables, as a copied .env.example has them, count as unset", () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: " ", PORT: "" }).slack).toEqual({
      mode: "console",
    });
  });

  test("SLACK_API_URL gains the trailing slash the Web API client needs", () => {
    expect(parseConfig({ SLACK_API_URL: "http://127.0.0.1:9000/api" }).slackApiUrl).toBe(
      "http://127.0.0.1:9000/api/",
    );
  });
});

describe("parseConfig refuses half a configuration", () => {
  test("a bot token alone names the two variables that could complete it", () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: "xoxb-1" })).toEqual([
      "SLACK_BOT_TOKEN: is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is: set one of them, or unset SLACK_BOT_TOKEN to use the local console",
    ]);
  });

  test("an app token without a bot token asks for the bot token", () => {
    expect(problemsOf({ SLACK_APP_TOKEN: "xapp-1" })[0]).toMatch(
      /^SLACK_BOT_TOKEN: is missing but SLACK_APP_TOKEN is set/,
    );
  });

  test("a malformed token is named without echoing it", () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: "xoxp-secret-user-token",
      SLACK_APP_TOKEN: "xapp-1",
    });
    expect(problems).toEqual([
      `SLACK_BOT_TOKEN: must start with "xoxb-": copy the Bot User OAuth Token from your app's "OAuth & Permissions" page`,
    ]);
    expect(problems.join()).not.toContain("secret-user-token");
  });

  test("one error lists every bad variable at once", () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "xoxb-pasted-the-wrong-thing",
      PORT: "70000",
      LOG_LEVEL: "loud",
      SLACK_API_URL: "slack.example.org",
      DIGEST_CHANNELS: "C0123ABCD,#general",
      DIGEST_TIME: "9am",
      DIGEST_TIMEZONE: "Asia/Lahore",
      DIGEST_DAYS: "someday",
      QUESTION_LOG_RETENTION_DAYS: "0",
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "SLACK_SIGNING_SECRET",
      "PORT",
      "SLACK_API_URL",
      "LOG_LEVEL",
      "DIGEST_CHANNELS",
      "DIGEST_TIME",
      "DIGEST_TIMEZONE",
      "DIGEST_DAYS",
      "QUESTION_LOG_RETENTION_DAYS",
    ]);
    expect(problems).toContain(
      `DIGEST_CHANNELS: "#general" is not a channel id: use ids like C0123ABCD (open the channel's details, the id is at the bottom), separated by commas`,
    );
    expect(problems).toContain(
      `DIGEST_TIMEZONE: "Asia/Lahore" is not an IANA time zone such as UTC, Asia/Karachi or Asia/Tehran`,
    );
  });

  test("the error message says where to fix it", () => {
    expect(() => parseConfig({ DIGEST_TIME: "25:00" })).toThrow(
      /configuration is invalid \(1 problem\):\n {2}DIGEST_TIME: "25:00" is not a 24-hour HH:MM time\nSet them in \.env/,
    );
  });
});

describe("digest settings", () => {
  test("are read into channels, time, zone and weekday numbers", () => {
    const config = parseConfig({
      DIGEST_CHANNELS: " C0123ABCD , G0456EFGH ",
      DIGEST_TIME: "7:05",
      DIGEST_TIMEZONE: "Asia/Karachi",
      DIGEST_DAYS: "mon-fri",
      DIGEST_ADMINS: "U0ADMIN1, W0ADMIN2",
      QUESTION_LOG_RETENTION_DAYS: "7",
    });
    expect(config.digest).toEqual({
      channels: ["C0123ABCD", "G0456EFGH"],
      time: { hour: 7, minute: 5 },
      timeZone: "Asia/Karachi",
      days: [1, 2, 3, 4, 5],
      admins: ["U0ADMIN1", "W0ADMIN2"],
    });
    expect(config.questionLogRetentionDays).toBe(7);
  });

  test("DIGEST_ADMINS must be member ids", () => {
    expect(() => parseConfig({ DIGEST_ADMINS: "U0ADMIN1,@ali" })).toThrow(
      /DIGEST_ADMINS: "@ali" is not a user id/,
    );
  });
});

describe("the feed settings", () => {
  test("are read into URLs, an interval, a first-poll count, editors and allowed hosts", () => {
    const config = parseConfig({
      FEEDS: " https://www.dawn.com/feeds/home , http://intranet.example/rss",
      FEED_POLL_SECONDS: "5",
      FEED_FIRST_ITEMS: "3",
      KNOWLEDGE_EDITORS: "U0EDITOR1",
      INGEST_ALLOW_HOSTS: "intranet.example,10.0.0.5:8080",
    });
    expect(config.feeds).toEqual({
      urls: ["https://www.dawn.com/feeds/home", "http://intranet.example/rss"],
      pollSeconds: 5,
      firstItems: 3,
    });
    expect(config.knowledgeEditors).toEqual(["U0EDITOR1"]);
    expect(config.ingestAllowHosts).toEqual(["intranet.example", "10.0.0.5:8080"]);
  });

  test("refuse a feed that is not a web URL, a poll under 5 s and a host that is not one", () => {
    expect(
      problemsOf({
        FEEDS: "https://ok.example/rss,ftp://files.example/feed",
        FEED_POLL_SECONDS: "4",
        INGEST_ALLOW_HOSTS: "http://wiki/",
      }),
    ).toEqual([
      expect.stringMatching(/^FEEDS: "ftp:\/\/files.example\/feed" is not an http\(s\) URL/),
      expect.stringMatching(/^FEED_POLL_SECONDS: "4" is not a number of seconds between 5/),
      expect.stringMatching(/^INGEST_ALLOW_HOSTS: "http:\/\/wiki\/" is not a host or host:port/),
    ]);
  });
});

describe("parseWeekdays", () => {
  test.each([
    ["daily", [0, 1, 2, 3, 4, 5, 6]],
    ["weekdays", [1, 2, 3, 4, 5]],
    ["weekends", [0, 6]],
    ["mon,wed,fri", [1, 3, 5]],
    ["Fri-Mon", [0, 1, 5, 6]],
    ["tues, thursday", [2, 4]],
    ["mon-wed,sat", [1, 2, 3, 6]],
  ])("parseWeekdays reads %s", (text, days) => {
    expect(parseWeekdays(text)).toEqual(days);
  });

  test.each(["", "mo", "mon-", "mon-tue-wed", "funday", "mon;tue"])(
    "parseWeekdays refuses %j",
    (text) => {
      expect(parseWeekdays(text)).toBeUndefined();
    },
  );
});

describe("the service variables", () => {
  test("HEALTH_PORT and LOG_FORMAT are absent unless set (auto is the default format)", () => {
    const config = parseConfig({ LOG_FORMAT: "auto", HEALTH_PORT: "" });
    expect(config).not.toHaveProperty("healthPort");
    expect(config).not.toHaveProperty("logFormat");
  });

  test("HEALTH_PORT is a port and LOG_FORMAT json or pretty", () => {
    expect(parseConfig({ HEALTH_PORT: "8080", LOG_FORMAT: "json" })).toMatchObject({
      healthPort: 8080,
      logFormat: "json",
    });
    expect(problemsOf({ HEALTH_PORT: "http", LOG_FORMAT: "yaml" })).toEqual([
      'HEALTH_PORT: "http" is not a port number (0–65535; 0 picks a free port)',
      "LOG_FORMAT: must be one of auto, json, pretty",
    ]);
  });
});
