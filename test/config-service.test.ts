import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";
import { secretsOf } from "../src/startup.ts";

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

describe("secretsOf", () => {
  test("lists the tokens and secrets of each mode, for the logger to redact", () => {
    const http = parseConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2",
      SLACK_SIGNING_SECRET: SECRET,
      QUESTION_HASH_SALT: `${SECRET}${SECRET}`,
    });
    expect(secretsOf(http)).toEqual(["xoxb-1-2", SECRET, `${SECRET}${SECRET}`]);
    const socket = parseConfig({ SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_APP_TOKEN: "xapp-1-A" });
    expect(secretsOf(socket)).toEqual(["xoxb-1-2", "xapp-1-A"]);
    expect(secretsOf(parseConfig({}))).toEqual([]);
  });
});
