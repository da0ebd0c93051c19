import type { E2eReport } from "./e2e.ts";
import type { IngestFigures } from "./ingest.ts";
import { QUERY_KINDS } from "./queries.ts";
import type { SearchSizeReport } from "./search.ts";

export interface Machine {
  cpu: string;
  cores: number;
  ramGB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews figures. */
  loadAverage: { start: number; end: number };
}

export interface TargetCheck {
  target: string;
  threshold: string;
  measured: string;
  /** null when this run did not measure it (a size or part was left out). */
  pass: boolean | null;
}

export interface BenchReport {
  date: string;
  command: string;
  machine: Machine;
  durationSec: number;
  search: SearchSizeReport[];
  e2e: E2eReport[];
  /** Parts that could not be measured, and why. */
  failures: string[];
  /** Articles added one by one to a running index (see ingest.ts). */
  ingest?: IngestFigures;
  targets: TargetCheck[];
}

/** The targets (issue 12, tightening issue 5's), checked at the largest size this run measured. */
export const TARGETS = {
  /** Every query kind's p95 on its own. */
  queryP95Ms: 2,
  speedupOverDefault: 10,
  knownItemHitAt1: 0.98,
  typoHitAt1: 0.95,
  warmReadyMs: 1000,
  /** Peak RSS of the process that starts from the persisted index and answers the queries. */
  servingRssMB: 300,
  /** Peak RSS of the process that builds the index and persists it (no persisted index). */
  coldRssMB: 700,
  throughputRatioSeed: 0.65,
  throughputRatioLarge: 0.5,
  ackP99Ms: 100,
  /** Reloading never holds up answering longer than this. */
  reloadStallMs: 50,
} as const;

const fixed = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || Number.isNaN(n) ? "–" : n.toFixed(digits);

function check(
  target: string,
  threshold: string,
  value: number | null | undefined,
  pass: (v: number) => boolean,
  shown: string,
): TargetCheck {
  const measured = value === null || value === undefined || Number.isNaN(value);
  return {
    target,
    threshold,
    measured: measured ? "not measured" : shown,
    pass: measured ? null : pass(value),
  };
}

const seconds = (ms: number | undefined): string => fixed((ms ?? Number.NaN) / 1000, 2);

/** PASS/FAIL for every target the run could measure. */
export function checkTargets(search: SearchSizeReport[], e2e: E2eReport[]): TargetCheck[] {
  const largest = search.reduce<SearchSizeReport | undefined>(
    (a, b) => (a === undefined || b.passages > a.passages ? b : a),
    undefined,
  );
  const at = largest ? ` at ${largest.passages.toLocaleString("en-US")} passages` : "";
  const ours = largest?.engines.iranpak;
  const speedup = largest?.comparison?.speedup.all;
  const checks: TargetCheck[] = [
    check(
      `Query p95 of every kind${at}`,
      `≤ ${TARGETS.queryP95Ms} ms each`,
      ours && Math.max(...QUERY_KINDS.map((k) => ours.latencyMs[k].p95)),
      (v) => v <= TARGETS.queryP95Ms,
      `${QUERY_KINDS.map((k) => `${k} ${fixed(ours?.latencyMs[k].p95, 2)}`).join(", ")} ms (all ${fixed(ours?.latencyMs.all.p95, 2)})`,
    ),
    check(
      `Faster than default MiniSearch on the same mix${at} (total time)`,
      `≥ ${TARGETS.speedupOverDefault}×`,
      speedup?.total,
      (v) => v >= TARGETS.speedupOverDefault,
      `${fixed(speedup?.total)}× (p95 ${fixed(speedup?.p95)}×)`,
    ),
    check(
      `Known-item hit@1${at}`,
      `≥ ${TARGETS.knownItemHitAt1}`,
      ours?.hitAt1["known-item"],
      (v) => v >= TARGETS.knownItemHitAt1,
      fixed(ours?.hitAt1["known-item"], 3),
    ),
    check(
      `Typo hit@1${at}`,
      `≥ ${TARGETS.typoHitAt1}`,
      ours?.hitAt1.typo,
      (v) => v >= TARGETS.typoHitAt1,
      fixed(ours?.hitAt1.typo, 3),
    ),
    check(
      `Ready from the persisted index${at}`,
      `≤ ${TARGETS.warmReadyMs / 1000} s`,
      ours?.warmReadyMs,
      (v) => v <= TARGETS.warmReadyMs,
      `${seconds(ours?.warmReadyMs)} s (Node ${seconds(ours?.warmBreakdownMs.boot)}, imports ${seconds(ours?.warmBreakdownMs.imports)}, knowledge + index ${seconds(ours?.warmBreakdownMs.open)})`,
    ),
    check(
      `Peak RSS serving from the persisted index${at}`,
      `≤ ${TARGETS.servingRssMB} MB`,
      ours?.warmPeakRssMB,
      (v) => v <= TARGETS.servingRssMB,
      `${fixed(ours?.warmPeakRssMB, 0)} MB (${fixed(ours?.rssMB, 0)} MB after ready, heap ${fixed(ours?.heapUsedMB, 0)} MB)`,
    ),
    check(
      `Peak RSS over a cold start (build and persist)${at}`,
      `≤ ${TARGETS.coldRssMB} MB`,
      ours?.coldPeakRssMB,
      (v) => v <= TARGETS.coldRssMB,
      `${fixed(ours?.coldPeakRssMB, 0)} MB`,
    ),
    check(
      `Answering during a reload${at} (longest event-loop stall)`,
      `≤ ${TARGETS.reloadStallMs} ms, reload succeeds`,
      ours?.reload?.maxEventLoopDelayMs,
      (v) => v <= TARGETS.reloadStallMs && ours?.reload?.ok === true,
      `${fixed(ours?.reload?.maxEventLoopDelayMs, 0)} ms (reload ${seconds(ours?.reload?.reloadMs)} s, ${ours?.reload?.answered} questions answered meanwhile, ask p99 ${fixed(ours?.reload?.askLatencyMs.p99, 1)} ms, ${ours?.reload?.logLines.length} log lines${ours?.reload?.ok ? "" : ", reload failed"})`,
    ),
  ];
  for (const run of e2e) {
    const wanted = run.seed ? TARGETS.throughputRatioSeed : TARGETS.throughputRatioLarge;
    checks.push(
      check(
        `E2E throughput vs bare Bolt, ${run.label}`,
        `≥ ${wanted}×`,
        run.throughputRatio,
        (v) => v >= wanted,
        `${fixed(run.throughputRatio, 2)}× (${fixed(run.bot.requestsPerSec, 0)} vs ${fixed(run.bare.requestsPerSec, 0)} req/s)`,
      ),
      check(
        `Ack p99 at ${run.connections} concurrent, ${run.label}`,
        `< ${TARGETS.ackP99Ms} ms`,
        run.bot.latencyMs.p99,
        (v) => v < TARGETS.ackP99Ms,
        `${fixed(run.bot.latencyMs.p99, 0)} ms`,
      ),
    );
  }
  return checks;
}
