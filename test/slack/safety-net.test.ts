import { expect, test } from "vitest";
import { runScript } from "../helpers/run-script.ts";

const FIXTURE = "test/slack/fixtures/reject-behind-safety-net.ts";

test("with the safety net, a promise failing unawaited is logged and the process keeps running", async () => {
  const result = await runScript(FIXTURE, []);
  expect(result.stderr).toContain(
    "unexpected failure, the bot keeps running: Error: a listener blew up",
  );
  expect(result.stdout).toContain("still running");
  expect(result.code).toBe(0);
});

test("without it, the same failure stops the process (what the net is for)", async () => {
  const result = await runScript(FIXTURE, ["--no-net"]);
  expect(result.stdout).not.toContain("still running");
  expect(result.code).not.toBe(0);
});
