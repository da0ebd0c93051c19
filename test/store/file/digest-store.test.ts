import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelRecord } from "../../../src/digest/digest-store.ts";
import { createDigestStore } from "../../../src/store/file/digest-store.ts";
import { recordingLogger } from "../../digest/fixtures.ts";

const record: ChannelRecord = {
  lastPostedDate: "2026-05-04",
  postedAt: "2026-05-04T09:00:01.000Z",
  ts: "1746349201.000100",
  snapshot: { articleHashes: { a: "h" }, factIds: ["f1"] },
};

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "iranpak-state-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("createDigestStore", () => {
  it("reads an absent state as empty and keeps what recordPost writes", async () => {
    const store = createDigestStore({ dataDir, logger: recordingLogger() });
    expect(await store.read()).toEqual({ channels: {} });
    store.recordPost("C1", record);
    store.recordPost("C2", { ...record, lastPostedDate: "2026-05-03" });
    const again = createDigestStore({ dataDir, logger: recordingLogger() });
    expect((await again.read()).channels).toEqual({
      C1: record,
      C2: { ...record, lastPostedDate: "2026-05-03" },
    });
    // No temporary files left behind by the atomic writes.
    expect(readdirSync(dataDir).sort()).toEqual(["digest-state.json"]);
  });

  it("moves a corrupt state file aside with a warning that names both files", async () => {
    writeFileSync(join(dataDir, "digest-state.json"), '{"version":1,"channels":{"C1":');
    const logger = recordingLogger();
    const store = createDigestStore({
      dataDir,
      logger,
      now: () => new Date("2026-05-04T09:00:00.000Z"),
    });
    expect(await store.read()).toEqual({ channels: {} });
    const aside = join(dataDir, "digest-state.json.corrupt-2026-05-04T09-00-00-000Z");
    expect(readFileSync(aside, "utf8")).toBe('{"version":1,"channels":{"C1":');
    expect(existsSync(join(dataDir, "digest-state.json"))).toBe(false);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(join(dataDir, "digest-state.json"));
    expect(logger.warnings[0]).toContain(aside);
  });

  it("treats valid JSON of the wrong shape as corrupt too", async () => {
    writeFileSync(
      join(dataDir, "digest-state.json"),
      JSON.stringify({ version: 1, channels: { C1: { lastPostedDate: "yesterday" } } }),
    );
    const logger = recordingLogger();
    expect(await createDigestStore({ dataDir, logger }).read()).toEqual({ channels: {} });
    expect(logger.warnings[0]).toMatch(/channels\.C1\.lastPostedDate/);
  });

  it("never turns a channel id into a path outside its claim folder", async () => {
    const store = createDigestStore({ dataDir, logger: recordingLogger() });
    expect(await store.claim("2026-05-04", "../../escape")).toBeDefined();
    expect(readdirSync(join(dataDir, "digest-claims", "2026-05-04"))).toEqual(["..%2F..%2Fescape"]);
  });

  it("prunes claims of earlier dates", async () => {
    const store = createDigestStore({ dataDir, logger: recordingLogger() });
    await store.claim("2026-04-01", "C1");
    await store.claim("2026-05-03", "C1");
    await store.claim("2026-05-04", "C1");
    await store.pruneClaims("2026-05-03");
    expect(readdirSync(join(dataDir, "digest-claims")).sort()).toEqual([
      "2026-05-03",
      "2026-05-04",
    ]);
  });
});
