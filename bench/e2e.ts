import autocannon, { type Request } from "autocannon";
import { TEST_SIGNING_SECRET } from "../test/helpers/sign-request.ts";
import { type ServerChild, startServerChild } from "./child.ts";
import type { ServerFinal, ServerKind, ServerReady, ServerTask } from "./e2e-server.ts";
import { signedSlashRequests } from "./slash-requests.ts";
import { ratio } from "./stats.ts";

export interface E2eTarget {
  /** e.g. "seed" or "100000 passages". */
  label: string;
  /** The seed knowledge (a higher throughput target) rather than a scale corpus. */
  seed: boolean;
  passages: number;
  knowledgeDir: string;
  /** Persisted index to start the bot from; built on first start when missing. */
  cacheDir: string;
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

export interface LoadFigures {
  requests: number;
  /** Mean requests per second over the run (autocannon's requests.average). */
  requestsPerSec: number;
  /** autocannon's latency percentiles, ms. */
  latencyMs: { mean: number; p50: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Process start to listening, ms. */
  serverReadyMs: number;
  serverPeakRssMB: number;
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

/** Every connection walks the same questions from its own offset, so they do not ask in step. */
function staggered(requests: Request[], connections: number) {
  let next = 0;
  const step = Math.max(1, Math.floor(requests.length / connections));
  return (client: autocannon.Client) => {
    const offset = (next++ * step) % requests.length;
    client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
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

type Server = ServerChild<ServerReady, ServerFinal>;

function startServer(kind: ServerKind, target: E2eTarget, options: E2eOptions): Promise<Server> {
  const task: ServerTask = {
    kind,
    knowledgeDir: target.knowledgeDir,
    cacheDir: target.cacheDir,
    signingSecret: TEST_SIGNING_SECRET,
  };
  return startServerChild("./e2e-server.ts", task, { timeoutMs: options.startTimeoutMs });
}

/** Loads one server, then stops it; an idle server started alongside does not disturb it. */
async function loadOne(
  kind: ServerKind,
  server: Server,
  target: E2eTarget,
  options: E2eOptions,
): Promise<LoadFigures> {
  try {
    const url = `http://127.0.0.1:${server.ready.port}`;
    // Signed now, used within the next seconds: well inside Bolt's five-minute window.
    const requests = signedSlashRequests(
      target.questions,
      TEST_SIGNING_SECRET,
      server.ready.responseUrl,
    );
    const first = requests[0];
    if (!first) throw new Error(`e2e ${target.label}: no questions to ask`);
    const probed = await probe(url, first);
    options.log(
      `e2e ${target.label}: ${kind} listening after ${server.ready.readyMs.toFixed(0)} ms, ` +
        `probe ${probed.status} (${probed.bytes} bytes); ${options.connections} connections for ${options.durationSec} s`,
    );
    const load = { url, connections: options.connections, requests };
    if (options.warmupRequests > 0) {
      await autocannon({
        ...load,
        amount: options.warmupRequests,
        setupClient: staggered(requests, options.connections),
      });
    }
    const result = await autocannon({
      ...load,
      duration: options.durationSec,
      setupClient: staggered(requests, options.connections),
    });
    const final = await server.stop();
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
      serverReadyMs: server.ready.readyMs,
      serverPeakRssMB: final.maxRssMB,
      webApiCalls: final.apiCalls,
      probe: probed,
    };
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}

/** For each target: the bare app, then the bot, each in its own process, under the same load. */
export async function runE2eBench(options: E2eOptions): Promise<E2eReport[]> {
  const reports: E2eReport[] = [];
  for (const target of options.targets) {
    // Both start at once (start-up is not what is measured); each is loaded alone.
    const [bareServer, botServer] = await Promise.all([
      startServer("bare", target, options),
      startServer("bot", target, options),
    ]);
    const bare = await loadOne("bare", bareServer, target, options).catch(async (error) => {
      await botServer.stop().catch(() => {});
      throw error;
    });
    options.log(
      `e2e ${target.label}: bare ${bare.requestsPerSec.toFixed(0)} req/s, p99 ${bare.latencyMs.p99} ms`,
    );
    const bot = await loadOne("bot", botServer, target, options);
    options.log(
      `e2e ${target.label}: bot ${bot.requestsPerSec.toFixed(0)} req/s, p99 ${bot.latencyMs.p99} ms, non-2xx ${bot.non2xx}`,
    );
    reports.push({
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
    });
  }
  return reports;
}
