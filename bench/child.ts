import { type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

/** Children print each report on one stdout line after this marker; anything else is noise. */
const RESULT_MARKER = "BENCH_RESULT ";

export interface ChildOptions {
  /** Kill the child when it has not reported after this long: a stuck run must not hang. */
  timeoutMs: number;
}

/**
 * The bench's scripts that run as processes of their own (bench/<name>.ts), each bundled by
 * bench/bundle.ts into BENCH_BUILD_DIR and run there by plain node, as `npm start` runs the bot.
 */
export const BENCH_CHILD_SCRIPTS = [
  "search-worker",
  "ingest-child",
  "restart-child",
  "bare-app",
] as const;
export type BenchChildScript = (typeof BENCH_CHILD_SCRIPTS)[number];

/** The folder holding package.json above `from`: the same from bench/ and from its bundles. */
function findRoot(from: string): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
  return dir;
}

/** Repository root: children run from it, and the bundles' packages resolve from it. */
export const ROOT = findRoot(import.meta.url);

/** Where bench/bundle.ts writes the children's and their workers' bundles. */
export const BENCH_BUILD_DIR = join(ROOT, "bench", "out", "build");

/**
 * The command line after `node` that runs a child's bundle, as `npm start` runs dist/main.js
 * (with source maps for stack traces); bench/bundle.ts must have built it.
 */
export function benchChildArgs(script: BenchChildScript): string[] {
  return ["--enable-source-maps", join(BENCH_BUILD_DIR, `${script}.js`)];
}

/** Starts a bench child in a fresh Node process, so it starts from an empty heap. */
function spawnBenchChild(
  script: BenchChildScript,
  task: unknown,
): ChildProcessByStdio<null, Readable, null> {
  return spawn(process.execPath, ["--expose-gc", ...benchChildArgs(script)], {
    cwd: ROOT,
    env: { ...process.env, BENCH_TASK: JSON.stringify(task) },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** Calls `onReport` for each report line the child prints. */
function readReports(
  child: ChildProcessByStdio<null, Readable, null>,
  onReport: (r: unknown) => void,
) {
  let buffered = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith(RESULT_MARKER)) onReport(JSON.parse(line.slice(RESULT_MARKER.length)));
    }
  });
}

function describeExit(
  script: BenchChildScript,
  code: number | null,
  signal: NodeJS.Signals | null,
): string {
  return `bench child ${script} ${signal ? `was killed by ${signal}` : `exited with ${code}`}`;
}

/** Runs a one-shot measurement (`script` ends with `reportResult`) and resolves with its report. */
export function runChild<T>(
  script: BenchChildScript,
  task: unknown,
  options: ChildOptions,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawnBenchChild(script, task);
    let result: unknown;
    readReports(child, (report) => {
      result = report;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) resolve(result as T);
      else reject(new Error(`${describeExit(script, code, signal)} without a result`));
    });
  });
}

/** The task a child was started with (see `runChild`). */
export function readTask<T>(): T {
  const raw = process.env.BENCH_TASK;
  if (!raw) throw new Error("bench child started without BENCH_TASK");
  return JSON.parse(raw) as T;
}

/** Reports the child's result to the parent, then ends the process (handles may linger). */
export async function reportResult(result: unknown): Promise<never> {
  await new Promise<void>((resolve) => {
    process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`, () => resolve());
  });
  process.exit(0);
}
