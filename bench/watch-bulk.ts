/**
 * `npx tsx bench/watch-bulk.ts [--files 5000] [--no-index]`: what a bulk add costs a running bot.
 *
 * Starts a KnowledgeService watching a temporary copy of knowledge/, copies `--files` small
 * articles into `articles/bulk` with `cp -r` (as a person would), and reports the longest
 * event-loop stall (what a question waiting meanwhile would have waited) and how long until
 * the new articles are answerable. `--no-index` only watches, to tell the watcher's cost from
 * the reload's. The same delay measured while idle, just before, shows what the machine itself
 * adds (other processes taking the cores).
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { watchKnowledge } from "../src/knowledge/watch.ts";
import { createKnowledgeService } from "../src/live-index/knowledge-service.ts";
import { ROOT } from "./child.ts";

const { values } = parseArgs({
  options: {
    files: { type: "string", default: "5000" },
    "no-index": { type: "boolean", default: false },
  },
});
const count = Number(values.files);
if (!Number.isInteger(count) || count <= 0) throw new Error("--files wants a positive number");
const watchOnly = values["no-index"];

/** Give up waiting for the new articles after this long. */
const SERVE_TIMEOUT_MS = 180_000;
/** Keep measuring this long after the articles are served, to catch late watcher work. */
const SETTLE_MS = 2_000;
/** How long the event loop is watched with nothing to do, for comparison. */
const IDLE_MS = 3_000;

const root = await mkdtemp(path.join(os.tmpdir(), "iranpak-watch-bulk-"));
const dir = path.join(root, "knowledge");
const staging = path.join(root, "bulk");
await cp(path.join(ROOT, "knowledge"), dir, { recursive: true });
await mkdir(staging);
for (let i = 1; i <= count; i++) {
  const n = String(i).padStart(5, "0");
  await writeFile(
    path.join(staging, `bulk-${n}.txt`),
    `Bulk article ${n}\n\nThe marker word bulkmarker${n} appears only here.\n`,
  );
}

let changes = 0;
const service = watchOnly ? undefined : createKnowledgeService({ dir });
const watcher = watchOnly ? watchKnowledge(dir, () => changes++) : undefined;
await service?.ready;
await watcher?.ready;
const baseArticles = service?.counts().articles ?? 0;
const lastMarker = `bulkmarker${String(count).padStart(5, "0")}`;

/** The last copied article is cited for its marker word, and every article is counted. */
const served = (): boolean => {
  if (service === undefined) return changes > 0;
  if (service.counts().articles < baseArticles + count) return false;
  return service.ask(lastMarker).results.some((r) => r.passage.includes(lastMarker));
};

// The same wait with nothing happening: on a shared machine, the stalls that are not ours.
const idle = monitorEventLoopDelay({ resolution: 10 });
idle.enable();
await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
idle.disable();

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const started = performance.now();
const copied = new Promise<number>((resolve, reject) => {
  const child = spawn("cp", ["-r", staging, path.join(dir, "articles/bulk")], { stdio: "inherit" });
  child.on("error", reject);
  child.on("exit", (code) =>
    code === 0 ? resolve(performance.now() - started) : reject(new Error(`cp exited ${code}`)),
  );
});

let servedMs: number | undefined;
while (performance.now() - started < SERVE_TIMEOUT_MS) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  if (served()) {
    servedMs = performance.now() - started;
    break;
  }
}
const copyMs = await copied;
await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
delay.disable();

watcher?.close();
await service?.close();
await rm(root, { recursive: true, force: true });

const ms = (ns: number) => Math.round(ns / 1e6);
const noticed = watchOnly ? "noticed" : "served";
console.log(
  [
    `${count} files, ${watchOnly ? "watching only" : "watching and indexing"}`,
    `cp -r done after ${Math.round(copyMs)} ms (as seen from the event loop)`,
    servedMs === undefined
      ? `not ${noticed} within ${SERVE_TIMEOUT_MS / 1000} s`
      : `${noticed} after ${Math.round(servedMs)} ms`,
    `event-loop delay: max ${ms(delay.max)} ms, p99 ${ms(delay.percentile(99))} ms`,
    `idle, before copying: max ${ms(idle.max)} ms, p99 ${ms(idle.percentile(99))} ms`,
  ].join("\n"),
);
process.exit(0);
