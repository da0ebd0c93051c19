import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { digestChannels } from "../../src/digest/subscriptions.ts";
import { openSubscriptionFile, SUBSCRIPTIONS_FILE } from "../../src/store/file/subscriptions.ts";
import { recordingLogger } from "../helpers/slack-app.ts";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-subscriptions-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

test("subscriptions are kept in DATA_DIR across restarts, each channel once", async () => {
  const logger = recordingLogger();
  const store = openSubscriptionFile({ dataDir, logger });
  expect(await store.add("C0ONE")).toBe(true);
  expect(await store.add("C0ONE")).toBe(false);
  expect(await store.add("C0TWO")).toBe(true);
  expect(await store.remove("C0ONE")).toBe(true);
  expect(await openSubscriptionFile({ dataDir, logger }).list()).toEqual(["C0TWO"]);
  expect(JSON.parse(readFileSync(join(dataDir, SUBSCRIPTIONS_FILE), "utf8"))).toEqual({
    channels: ["C0TWO"],
  });
});

test("a damaged file is reported and read as none", async () => {
  const logger = recordingLogger();
  writeFileSync(join(dataDir, SUBSCRIPTIONS_FILE), "{not json");
  expect(await openSubscriptionFile({ dataDir, logger }).list()).toEqual([]);
  expect(logger.text("warn")).toContain("not a list of digest subscriptions");
});

test("the digest goes to DIGEST_CHANNELS and then the subscribed channels, each once", async () => {
  const store = openSubscriptionFile({ dataDir, logger: recordingLogger() });
  await store.add("C0BASE");
  await store.add("C0SUB");
  expect(await digestChannels(["C0BASE"], store)).toEqual(["C0BASE", "C0SUB"]);
});
