import { describe, expect, test } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { createLogger, type LogFormat, type Logger, withContext } from "../../src/log/logger.ts";
import { secretsOf } from "../../src/startup.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

/** A logger writing into an array, one entry a line. */
function capture(format: LogFormat, secrets: string[] = [], level: "debug" | "info" = "info") {
  const lines: string[] = [];
  const logger = createLogger("iranpak", level, {
    format,
    secrets,
    destination: { write: (line: string) => lines.push(line) },
  });
  const json = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, json };
}

describe("JSON lines (production)", () => {
  test("carry the time, the level by name, the logger's name and the message", () => {
    const { logger, json } = capture("json");
    logger.warn("knowledge reload failed");
    const [line] = json();
    expect(line).toMatchObject({ level: "warn", name: "iranpak", msg: "knowledge reload failed" });
    expect(String(line?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test("carry a child's context as fields, the message unchanged", () => {
    const { logger, json } = capture("json");
    withContext(logger, { kind: "command", outcome: "direct", ms: 3.2 }).info("handled it");
    expect(json()[0]).toMatchObject({
      msg: "handled it",
      kind: "command",
      outcome: "direct",
      ms: 3.2,
    });
  });

  test("join several arguments as console.log would, errors with their stack", () => {
    const { logger, json } = capture("json");
    logger.error("listener failed:", new Error("boom"), { retry: 2 });
    const msg = String(json()[0]?.msg);
    expect(msg).toMatch(/^listener failed: Error: boom\n\s+at /);
    expect(msg).toContain("{ retry: 2 }");
  });

  test("leave out levels below the configured one", () => {
    const quiet = capture("json", [], "info");
    quiet.logger.debug('question "visa fees"');
    expect(quiet.lines).toEqual([]);
    const verbose = capture("json", [], "debug");
    verbose.logger.debug('question "visa fees"');
    expect(verbose.json()[0]).toMatchObject({ level: "debug", msg: 'question "visa fees"' });
  });
});

describe("secrets never reach a line", () => {
  test("a Slack token in a message shows [Redacted], whether configured or not", () => {
    const { logger, lines } = capture("json", ["xoxb-configured-1234"]);
    logger.error(
      "auth failed for xoxb-configured-1234 and xapp-1-A0B1-99aa; bearer Bearer abc.def",
    );
    const text = lines.join("");
    expect(text).not.toMatch(/xoxb-|xapp-|abc\.def/);
    expect(JSON.parse(text).msg).toBe(
      "auth failed for [Redacted] and [Redacted]; bearer Bearer [Redacted]",
    );
  });

  test("a configured secret shows [Redacted] wherever it appears", () => {
    const secret = "8f742231b10e8888abcd99aa0fcd85a5";
    const { logger, lines } = capture("pretty", [secret]);
    withContext(logger, { request: `sig ${secret}` }).warn(`bad signature with ${secret}!`);
    expect(lines.join("")).not.toContain(secret);
    expect(lines.join("")).toContain("bad signature with [Redacted]! request=sig [Redacted]");
  });

  test("the bot's logger is given every token and secret of each mode (secretsOf)", () => {
    const secret = "8f742231b10e8888abcd99aa0fcd85a5";
    const http = parseConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2",
      SLACK_SIGNING_SECRET: secret,
      QUESTION_HASH_SALT: `${secret}${secret}`,
    });
    expect(secretsOf(http)).toEqual(["xoxb-1-2", secret, `${secret}${secret}`]);
    const socket = parseConfig({ SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_APP_TOKEN: "xapp-1-A" });
    expect(secretsOf(socket)).toEqual(["xoxb-1-2", "xapp-1-A"]);
    expect(secretsOf(parseConfig({}))).toEqual([]);
  });

  test("a field named like a secret shows [Redacted]", () => {
    const { logger, json } = capture("json");
    withContext(logger, { token: "abc123", signingSecret: "f00", channel: "C1" }).info("x");
    expect(json()[0]).toMatchObject({
      token: "[Redacted]",
      signingSecret: "[Redacted]",
      channel: "C1",
    });
  });
});

describe("readable lines (a terminal)", () => {
  test("show the clock time, the level, the name, the message and the context", () => {
    const { logger, lines } = capture("pretty");
    withContext(logger, { kind: "event", ms: 12 }).info("handled event app_mention");
    expect(lines).toEqual([
      expect.stringMatching(
        /^\d\d:\d\d:\d\d\.\d{3} INFO {2}iranpak: handled event app_mention kind=event ms=12\n$/,
      ),
    ]);
  });
});

describe("withContext on a logger without children", () => {
  test("appends the context to each message, so nothing is lost", () => {
    const plain: Logger & { lines: string[] } = {
      lines: [],
      debug() {},
      info(...msg) {
        this.lines.push(msg.join(" "));
      },
      warn() {},
      error() {},
    };
    withContext(plain, { kind: "action", outcome: "ok" }).info("handled action");
    expect(plain.lines).toEqual(["handled action (kind=action outcome=ok)"]);
  });

  test("works on the tests' recording logger", () => {
    const recording = recordingLogger();
    withContext(recording, { kind: "command" }).warn("slow");
    expect(recording.text("warn")).toBe("slow (kind=command)");
  });
});
