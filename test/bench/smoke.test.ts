import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBench, SMOKE_BENCH } from "../../bench/bench.ts";
import { renderMarkdown } from "../../bench/markdown.ts";
import type { BenchReport } from "../../bench/report.ts";

// One smoke run (tiny corpus, few queries, 1 s loads) shared by every check below: it asserts
// the report is complete and sane, never how fast anything is.
describe("the smoke bench", () => {
  const outDir = mkdtempSync(join(tmpdir(), "iranpak-bench-"));
  let report: BenchReport;

  beforeAll(async () => {
    report = await runBench({
      ...SMOKE_BENCH,
      sizes: [200],
      perKind: 5,
      outDir,
      command: "smoke test",
      log: () => {},
    });
  }, 120_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("measures both engines on the generated corpus with every query kind", () => {
    const [size] = report.search;
    expect(report.search).toHaveLength(1);
    expect(size?.passages).toBe(200);
    expect(size?.words).toBeGreaterThan(200 * 3 * 3);
    expect(size?.queries).toEqual({ "known-item": 5, "common-word": 5, typo: 5 });
    for (const engine of [size?.engines.iranpak, size?.engines["minisearch-default"]]) {
      expect(engine).toBeDefined();
      if (!engine) continue;
      expect(engine.queriesRun).toBe(15);
      for (const figure of [
        engine.loadMs,
        engine.buildMs,
        engine.coldReadyMs,
        engine.warmReadyMs,
        engine.rssMB,
        engine.heapUsedMB,
        engine.peakRssMB,
        engine.indexMB ?? 0,
      ]) {
        expect(figure).toBeGreaterThan(0);
      }
      expect(engine.latencyMs.all.count).toBe(15);
      expect(engine.latencyMs.all.p50).toBeLessThanOrEqual(engine.latencyMs.all.p99);
      for (const hit of [engine.hitAt1["known-item"], engine.hitAt1.typo]) {
        expect(hit).toBeGreaterThanOrEqual(0);
        expect(hit).toBeLessThanOrEqual(1);
      }
    }
  });

  it("reloads a changed copy of the corpus while answering", () => {
    const reload = report.search[0]?.engines.iranpak?.reload;
    expect(reload?.ok).toBe(true);
    expect(reload?.reloadMs).toBeGreaterThan(0);
    expect(reload?.maxEventLoopDelayMs).toBeGreaterThan(0);
    expect(report.search[0]?.engines["minisearch-default"]?.reload).toBeNull();
  });

  it("compares iranpak with default MiniSearch as ratios", () => {
    const comparison = report.search[0]?.comparison;
    expect(comparison?.speedup.all.total).toBeGreaterThan(0);
    expect(comparison?.speedup["common-word"].p95).toBeGreaterThan(0);
    expect(comparison?.warmReadyRatio).toBeGreaterThan(0);
    expect(comparison?.indexRatio).toBeGreaterThan(0);
  });

  it("loads the bot and a bare Bolt app with signed slash commands that all succeed", () => {
    expect(report.failures).toEqual([]);
    expect(report.e2e.map((run) => run.label)).toEqual(["seed", "200 passages"]);
    for (const run of report.e2e) {
      for (const app of [run.bot, run.bare]) {
        expect(app.probe.status).toBe(200);
        expect(app.requests).toBeGreaterThan(0);
        expect(app.non2xx).toBe(0);
        expect(app.latencyMs.p99).toBeGreaterThan(0);
        expect(app.cpuUsPerRequest).toBeGreaterThan(0);
      }
      // A real answer is longer than the bare app's fixed ack.
      expect(run.bot.probe.bytes).toBeGreaterThan(run.bare.probe.bytes);
      expect(run.throughputRatio).toBeGreaterThan(0);
    }
  });

  it("checks every target and renders them in the Markdown report", () => {
    expect(report.targets).toHaveLength(8 + 2 * report.e2e.length);
    for (const target of report.targets) expect(target.pass).not.toBeNull();
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("smoke test");
    expect(markdown).toContain(report.machine.cpu);
    for (const target of report.targets) expect(markdown).toContain(target.target);
  });

  it("adds articles one by one to a running bot and renders what that cost", () => {
    expect(report.ingest?.added.count).toBe(SMOKE_BENCH.ingestArticles);
    expect(report.ingest?.added.unanswerableAfter).toBe(0);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("## Adding articles one by one to a running bot");
    expect(markdown).toMatch(/^- (PASS|\*\*FAIL\*\*) CPU per article: /m);
  });
});
