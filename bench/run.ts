/**
 * `npm run bench [-- options]`: search and end-to-end figures, written to bench/out/report.json
 * and (full runs) docs/performance.md.
 *
 *   --smoke               tiny sizes, few queries, 1 s loads (CI); writes bench/out/performance-smoke.md
 *   --sizes 1000,10000    corpus sizes in passages (default 1000,10000,100000)
 *   --per-kind 300        timed queries per kind
 *   --budget 120          seconds of query timing per engine and size, at most
 *   --duration 10         seconds of load per app in the end-to-end test
 *   --connections 50      concurrent connections in the end-to-end test
 *   --engines iranpak     engines to measure (default iranpak,minisearch-default)
 *   --no-e2e              search figures only
 *   --no-ingest           no ingest phase (articles added one by one to a running index)
 *   --ingest-only         only the ingest phase, at the largest size (prints its figures)
 *   --ingest-articles 500 articles the ingest phase adds one by one
 *   --e2e-only            the end-to-end load test alone, on the corpus and persisted index an
 *                         earlier run of the same --sizes left in bench/out
 *   --feeds-only          only the feeds phase: 50 feeds × 50 items polled at once on 10k
 *                         passages, answers meanwhile (see bench/feeds-load.ts)
 *   --render <report.json> no run: re-render the Markdown from a saved report (targets re-checked)
 *   --doc <file>          where to write the Markdown table (default: docs/performance.md for a
 *                         full run, bench/out/performance.md when sizes, engines or parts are cut)
 */

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { type BenchOptions, FULL_BENCH, runBench, SMOKE_BENCH } from "./bench.ts";
import { ROOT } from "./child.ts";
import { ENGINES, type EngineName } from "./engines.ts";
import { runFeedsLoad } from "./feeds-load.ts";
import { describeIngest, INGEST_WATCHED_FILES, runIngestBench } from "./ingest.ts";
import { renderMarkdown } from "./markdown.ts";
import { type BenchReport, checkTargets } from "./report.ts";

function positiveNumbers(flag: string, text: string): number[] {
  const numbers = text.split(",").map((part) => Number(part.trim()));
  if (numbers.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`--${flag} wants positive whole numbers separated by commas, not "${text}"`);
  }
  return numbers;
}

function engineNames(text: string): EngineName[] {
  const names = text.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !ENGINES.includes(name as EngineName));
  if (unknown.length > 0) {
    throw new Error(`--engines: unknown ${unknown.join(", ")}; choose from ${ENGINES.join(", ")}`);
  }
  return names as EngineName[];
}

function positive(flag: string, text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : (positiveNumbers(flag, text)[0] ?? fallback);
}

const args = process.argv.slice(2);
const { values } = parseArgs({
  args,
  options: {
    smoke: { type: "boolean", default: false },
    sizes: { type: "string" },
    "per-kind": { type: "string" },
    budget: { type: "string" },
    duration: { type: "string" },
    connections: { type: "string" },
    engines: { type: "string" },
    "no-e2e": { type: "boolean", default: false },
    "no-ingest": { type: "boolean", default: false },
    "ingest-only": { type: "boolean", default: false },
    "ingest-articles": { type: "string" },
    "e2e-only": { type: "boolean", default: false },
    doc: { type: "string" },
    render: { type: "string" },
    "feeds-only": { type: "boolean", default: false },
  },
});

const base = values.smoke ? SMOKE_BENCH : FULL_BENCH;
const options: BenchOptions = {
  ...base,
  sizes: values.sizes ? positiveNumbers("sizes", values.sizes) : base.sizes,
  engines: values.engines ? engineNames(values.engines) : base.engines,
  perKind: positive("per-kind", values["per-kind"], base.perKind),
  queryBudgetMs: positive("budget", values.budget, base.queryBudgetMs / 1000) * 1000,
  e2eDurationSec: positive("duration", values.duration, base.e2eDurationSec),
  connections: positive("connections", values.connections, base.connections),
  e2e: !values["no-e2e"],
  ingest: !values["no-ingest"] && !values["e2e-only"],
  ingestArticles: positive("ingest-articles", values["ingest-articles"], base.ingestArticles),
  search: !values["e2e-only"],
  command: ["npm run bench", ...(args.length ? ["--", ...args] : [])].join(" "),
  log: (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`),
};

if (values["ingest-only"]) {
  const figures = await runIngestBench({
    passages: Math.max(...options.sizes),
    seed: options.seed,
    outDir: options.outDir,
    articles: options.ingestArticles,
    watched: INGEST_WATCHED_FILES,
    log: options.log,
  });
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, "ingest.json"), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\n${options.command}\n${describeIngest(figures).join("\n")}`);
  process.exit(0);
}
if (values["feeds-only"]) {
  const feeds = await runFeedsLoad({
    outDir: options.outDir,
    feeds: 50,
    itemsPerFeed: 50,
    passages: 10_000,
    log: options.log,
  });
  console.log(JSON.stringify(feeds, null, 2));
  const pass = feeds.slowestAnswerMs <= 100;
  console.log(
    `${pass ? "PASS" : "FAIL"}         no answer waits more than 100 ms behind 50 feeds × 50 items: slowest ${feeds.slowestAnswerMs} ms (${feeds.slowestAnswerWhilePollingMs} ms while polling, ${feeds.slowestAnswerIdleMs} ms idle before), longest stall ${feeds.longestStallMs} ms`,
  );
  process.exit(0);
}

let report: BenchReport;
let written: string;
if (values.render) {
  const saved = JSON.parse(readFileSync(values.render, "utf8")) as BenchReport;
  report = {
    ...saved,
    failures: saved.failures ?? [],
    targets: checkTargets(saved.search, saved.e2e),
  };
  written = "";
} else {
  report = await runBench(options);
  const jsonFile = join(options.outDir, "report.json");
  writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  written = `${relative(ROOT, jsonFile)} and `;
}
// Only a complete run (or its saved report) may replace the committed table.
const partial = values.sizes || values.engines || values["no-e2e"] || values["e2e-only"];
const docFile =
  values.doc ??
  (values.smoke
    ? join(options.outDir, "performance-smoke.md")
    : partial
      ? join(options.outDir, "performance.md")
      : join(ROOT, "docs", "performance.md"));
mkdirSync(dirname(docFile), { recursive: true });
writeFileSync(docFile, renderMarkdown(report));
console.log(`\nwrote ${written}${relative(ROOT, docFile)}\n`);
for (const line of report.ingest ? describeIngest(report.ingest) : []) console.log(line);
for (const t of report.targets) {
  const verdict = t.pass === null ? "not measured" : t.pass ? "PASS" : "FAIL";
  console.log(`${verdict.padEnd(12)} ${t.target}: ${t.measured} (wanted ${t.threshold})`);
}
