import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import autocannon, { type Request } from "autocannon";
import { HEALTH_PATH } from "../src/slack/app.ts";
import { QUESTION_LOG_FILE } from "../src/store/file/question-log.ts";
import { TEST_SIGNING_SECRET } from "../test/helpers/sign-request.ts";
import { type SlackApiStandIn, startSlackApiStandIn } from "../test/helpers/slack-api-stand-in.ts";
import { bundleBenchChildren } from "./bundle.ts";
import { benchChildArgs, ROOT } from "./child.ts";
import { signedSlashRequests } from "./slash-requests.ts";
import { ratio } from "./stats.ts";

export interface E2eTarget {
  /** e.g. "seed" or "100000 passages". */
  label: string;
  /** The seed knowledge (a higher throughput target) rather than a scale corpus. */
  seed: boolean;
  passages: number;
  knowledgeDir: string;
  /**
   * DATA_DIR for the bot: it keeps its persisted index in `<dataDir>/index` (src/startup.ts), so
   * pointing it where the search bench left one makes the bot start warm.
   */
  dataDir: string;
  /** The slash-command texts, from the query mix; each becomes one pre-signed request. */
  questions: string[];
}

export interface E2eOptions {
  targets: E2eTarget[];
  durationSec: number;
  connections: number;
  /** Requests sent, untimed, before the measured run: JIT and caches warm up on both apps alike. */
  warmupRequests: number;
  /** A server must be listening within this long (the bot may have to build its index). */
  startTimeoutMs: number;
  log: (line: string) => void;
}

/** 50 concurrent slash commands for 10 s each, as the targets are stated. */
export const E2E_DEFAULTS = {
  durationSec: 10,
  connections: 50,
  warmupRequests: 2000,
  startTimeoutMs: 600_000,
};

export type AppKind = "bot" | "bare";

/** An app that has not exited this long after SIGTERM is killed. */
const STOP_GRACE_MS = 10_000;

/**
 * What runs for each kind, both on plain node with an esbuild bundle: the bot as `npm start` runs
 * it (dist/main.js), or the bare floor, bundled by bench/bundle.ts the same way.
 */
const APP_ARGS: Record<AppKind, string[]> = {
  bot: ["--enable-source-maps", "dist/main.js"],
  bare: benchChildArgs("bare-app"),
};

export interface LoadFigures {
  requests: number;
  /** Mean requests per second over the run (autocannon's requests.average). */
  requestsPerSec: number;
  /** autocannon's latency percentiles, ms. */
  latencyMs: { mean: number; p50: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Spawn to listening, ms (both apps start at once, so this is only indicative). */
  serverReadyMs: number;
  serverPeakRssMB: number;
  /**
   * CPU time (user + system) the server process spent per request during the measured run:
   * what throughput would be on an idle core, less disturbed by other work than req/s.
   */
  cpuUsPerRequest: number;
  /** Web API calls the server made in its life (auth.test and the like): answers go in the ack. */
  webApiCalls: number;
  /** A single request sent before the load: its status and body size (0 bytes is no answer). */
  probe: { status: number; bytes: number };
}

export interface E2eReport {
  label: string;
  seed: boolean;
  passages: number;
  questions: number;
  durationSec: number;
  connections: number;
  bot: LoadFigures;
  bare: LoadFigures;
  /** bot ÷ bare requests per second. */
  throughputRatio: number | null;
  /** bot ÷ bare p99 latency. */
  p99Ratio: number | null;
}

/**
 * Every connection asks its own share of the questions, in turn: no two ask the same one, and
 * no connection holds (or has autocannon prepare) the whole list, which at 24,000 questions and
 * 50 connections took a minute and timed requests out.
 */
function staggered(requests: Request[], connections: number) {
  let next = 0;
  const share = Math.max(1, Math.floor(requests.length / connections));
  return (client: autocannon.Client) => {
    const start = (next++ * share) % requests.length;
    client.setRequests(requests.slice(start, start + share));
  };
}

async function probe(url: string, request: Request): Promise<{ status: number; bytes: number }> {
  const response = await fetch(`${url}${request.path}`, {
    method: "POST",
    headers: request.headers as Record<string, string>,
    body: request.body as string,
  });
  return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
}

/** A free loopback port, for PORT (the app's own log line would be the only other way to learn it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment an app under test starts with: HTTP mode on `port` against the Web API
 * stand-in at `apiUrl`, the bench's signing secret, and the knowledge and data folders given.
 */
export function benchAppEnv(where: {
  apiUrl: string;
  port: number;
  knowledgeDir: string;
  dataDir: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Blank counts as unset for the bot, and keeps any .env value from filling it in.
    SLACK_APP_TOKEN: "",
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: where.apiUrl,
    PORT: String(where.port),
    KNOWLEDGE_DIR: where.knowledgeDir,
    DATA_DIR: where.dataDir,
    DIGEST_CHANNELS: "",
    LOG_LEVEL: "error",
  };
}

/** Peak resident memory of a live process (Linux), in MB. */
function peakRssMB(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** CPU time a live process has used (Linux, in clock ticks of 10 ms), in µs. */
function cpuTimeUs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

interface RunningApp {
  port: number;
  /** The app's process CPU time so far, µs. */
  cpuTimeUs(): number;
  /** Spawn to first HTTP answer, ms. */
  readyMs: number;
  api: SlackApiStandIn;
  /** Stops the app (SIGTERM) and its Web API stand-in; resolves with the app's peak RSS. */
  stop(): Promise<number>;
}

/** Polls until the app answers HTTP at all (the bot only listens once its knowledge is ready). */
async function waitUntilListening(
  port: number,
  child: ChildProcess,
  deadline: number,
): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the app exited (${child.exitCode ?? child.signalCode}) before it listened on ${port}`,
      );
    }
    const answered = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`).then(
      () => true,
      () => false,
    );
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`the app did not listen on ${port} in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the bot exactly as `npm start` does (src/main.ts in HTTP mode, configured by the
 * environment) or the bare app, in a process of its own with its own Web API stand-in.
 */
async function startApp(
  kind: AppKind,
  target: E2eTarget,
  options: E2eOptions,
): Promise<RunningApp> {
  const api = await startSlackApiStandIn();
  const port = await freePort();
  // Questions logged by earlier runs would be read back in the background while under load.
  if (kind === "bot") rmSync(join(target.dataDir, QUESTION_LOG_FILE), { force: true });
  const started = Date.now();
  const child = spawn(process.execPath, APP_ARGS[kind], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: benchAppEnv({
      apiUrl: api.apiUrl,
      port,
      knowledgeDir: target.knowledgeDir,
      dataDir: target.dataDir,
    }),
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<number> => {
    const peak = peakRssMB(child.pid);
    child.kill("SIGTERM");
    const stuck = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(stuck);
    await api.close();
    return peak;
  };
  try {
    await waitUntilListening(port, child, started + options.startTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    readyMs: Date.now() - started,
    api,
    stop,
    cpuTimeUs: () => cpuTimeUs(child.pid),
  };
}

/** Loads one server, then stops it; an idle server started alongside does not disturb it. */
async function loadOne(
  kind: AppKind,
  server: RunningApp,
  target: E2eTarget,
  options: E2eOptions,
): Promise<LoadFigures> {
  try {
    const url = `http://127.0.0.1:${server.port}`;
    // Signed now, used within the next seconds: well inside Bolt's five-minute window.
    const requests = signedSlashRequests(
      target.questions,
      TEST_SIGNING_SECRET,
      server.api.responseUrl("bench"),
    );
    const first = requests[0];
    if (!first) throw new Error(`e2e ${target.label}: no questions to ask`);
    const probed = await probe(url, first);
    options.log(
      `e2e ${target.label}: ${kind} listening after ${server.readyMs} ms, ` +
        `probe ${probed.status} (${probed.bytes} bytes); ${options.connections} connections for ${options.durationSec} s`,
    );
    // One request up front: autocannon prepares what it is given for every connection, before
    // setupClient hands each its share.
    const load = { url, connections: options.connections, requests: [first] };
    if (options.warmupRequests > 0) {
      await autocannon({
        ...load,
        amount: options.warmupRequests,
        setupClient: staggered(requests, options.connections),
      });
    }
    const cpuBefore = server.cpuTimeUs();
    const result = await autocannon({
      ...load,
      duration: options.durationSec,
      setupClient: staggered(requests, options.connections),
    });
    const cpuUsPerRequest = (server.cpuTimeUs() - cpuBefore) / result.requests.total;
    const apiCalls = server.api.calls.length;
    const peak = await server.stop();
    return {
      requests: result.requests.total,
      requestsPerSec: result.requests.average,
      latencyMs: {
        mean: result.latency.average,
        p50: result.latency.p50,
        p97_5: result.latency.p97_5,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      serverReadyMs: server.readyMs,
      serverPeakRssMB: peak,
      cpuUsPerRequest,
      webApiCalls: apiCalls,
      probe: probed,
    };
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}

async function runTarget(target: E2eTarget, options: E2eOptions): Promise<E2eReport> {
  // Both start at once (start-up is not what is measured); each is loaded alone.
  const started = await Promise.allSettled([
    startApp("bare", target, options),
    startApp("bot", target, options),
  ]);
  const [bareStart, botStart] = started;
  if (bareStart?.status !== "fulfilled" || botStart?.status !== "fulfilled") {
    for (const s of started) if (s.status === "fulfilled") await s.value.stop();
    const failed = started.find((s) => s.status === "rejected");
    throw failed?.reason ?? new Error("an app did not start");
  }
  const bare = await loadOne("bare", bareStart.value, target, options).catch(async (error) => {
    await botStart.value.stop();
    throw error;
  });
  options.log(
    `e2e ${target.label}: bare ${bare.requestsPerSec.toFixed(0)} req/s, p99 ${bare.latencyMs.p99} ms`,
  );
  const bot = await loadOne("bot", botStart.value, target, options);
  options.log(
    `e2e ${target.label}: bot ${bot.requestsPerSec.toFixed(0)} req/s, p99 ${bot.latencyMs.p99} ms, non-2xx ${bot.non2xx}`,
  );
  return {
    label: target.label,
    seed: target.seed,
    passages: target.passages,
    questions: target.questions.length,
    durationSec: options.durationSec,
    connections: options.connections,
    bot,
    bare,
    throughputRatio: ratio(bot.requestsPerSec, bare.requestsPerSec),
    p99Ratio: ratio(bot.latencyMs.p99, bare.latencyMs.p99),
  };
}

/**
 * For each target: the bare app, then the bot, each in its own process, under the same load.
 * A target that fails (an app that does not start) is reported and the others still run.
 */
export async function runE2eBench(
  options: E2eOptions,
): Promise<{ reports: E2eReport[]; failures: string[] }> {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
  await bundleBenchChildren();
  const reports: E2eReport[] = [];
  const failures: string[] = [];
  for (const target of options.targets) {
    try {
      reports.push(await runTarget(target, options));
    } catch (error) {
      const message = `e2e ${target.label}: ${error instanceof Error ? error.message : String(error)}`;
      options.log(message);
      failures.push(message);
    }
  }
  return { reports, failures };
}
