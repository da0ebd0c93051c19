/**
 * `npx tsx bench/first-answer.ts [--size 100000] [--runs 5]`: from `npm start` to the first right
 * answer to `/iranpak pipeline`, as someone restarting the bot meets it. The bot starts in HTTP
 * mode against the local Web API stand-in, from its persisted index (a first, untimed start
 * builds it), and a signed slash command is sent every 10 ms from the moment `npm start` is
 * spawned until one is answered with the seed's pipeline passage. Without `--size` the knowledge
 * is the seed; with it, the bench corpus of that many passages (generated as `npm run bench`
 * does) beside the seed's own files.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { TEST_SIGNING_SECRET } from "../test/helpers/sign-request.ts";
import { startSlackApiStandIn } from "../test/helpers/slack-api-stand-in.ts";
import { ROOT } from "./child.ts";
import { CORPUS_DEFAULTS, ensureCorpus } from "./corpus.ts";
import { benchAppEnv, freePort } from "./e2e.ts";
import { signedSlashRequests } from "./slash-requests.ts";
import { percentile } from "./stats.ts";

const QUESTION = "pipeline";
/** Words of the seed's pipeline passage: an answer quoting it is the right one. */
const RIGHT_ANSWER = /Iran[^"]*Pakistan[^"]*pipeline|pipeline[^"]*Iran/i;
/** Asked right after the first answer: how long an answer takes once the first is done. */
const NEXT_QUESTION = "gas price Gwadar";
const POLL_MS = 10;
const GIVE_UP_MS = 600_000;
const SEED_KNOWLEDGE = join(ROOT, "knowledge");

const { values } = parseArgs({
  options: { size: { type: "string" }, runs: { type: "string", default: "5" } },
});
const runs = Number(values.runs);
const outDir = join(ROOT, "bench", "out");

/** The seed, or a folder with the corpus's articles and the seed's files side by side. */
function knowledgeFor(size: number | undefined): { label: string; knowledgeDir: string } {
  if (size === undefined) return { label: "seed", knowledgeDir: SEED_KNOWLEDGE };
  const corpus = ensureCorpus(outDir, { passages: size, seed: CORPUS_DEFAULTS.seed });
  const knowledgeDir = join(outDir, `first-answer-${size}`, "knowledge");
  rmSync(knowledgeDir, { recursive: true, force: true });
  mkdirSync(join(knowledgeDir, "articles"), { recursive: true });
  const link = (from: string, sub: string) => {
    for (const name of readdirSync(join(from, sub))) {
      // Hard links: the bot reads no symbolic link that leads out of its knowledge folder.
      linkSync(join(from, sub, name), join(knowledgeDir, sub, name));
    }
  };
  link(corpus.knowledgeDir, "articles");
  link(SEED_KNOWLEDGE, "articles");
  cpSync(join(SEED_KNOWLEDGE, "facts"), join(knowledgeDir, "facts"), { recursive: true });
  return { label: `${size.toLocaleString("en-US")} passages + seed`, knowledgeDir };
}

/** Clock ticks a second in /proc/<pid>/stat (Linux's USER_HZ). */
const TICKS_PER_SEC = 100;

/**
 * CPU time (ms, user + system) of `root` and every live process below it, with the children they
 * have already reaped (npm's prestart): the machine is shared, so wall time says more about the
 * other work on it than about the start; CPU time says what the start costs.
 */
function cpuOfTreeMs(root: number): number {
  const stats = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
        const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks }];
      } catch {
        return [];
      }
    });
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) {
      if (!inTree.has(s.pid) && inTree.has(s.ppid)) {
        inTree.add(s.pid);
        grew = true;
      }
    }
  }
  const ticks = stats.filter((s) => inTree.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0);
  return (ticks / TICKS_PER_SEC) * 1000;
}

interface FirstAnswer {
  /** Spawn to the first HTTP response of any kind (the bot listens once its knowledge is ready). */
  listeningMs: number;
  /** Spawn to the first right answer. */
  answerMs: number;
  /** CPU time of npm and the bot from spawn to the right answer. */
  cpuMs: number;
  /** The round trip of the request the right answer came in, and of the next question's. */
  firstRequestMs: number;
  nextRequestMs: number;
}

/** Spawns `npm start` and asks until the right answer comes. */
async function timeFirstAnswer(knowledgeDir: string, dataDir: string): Promise<FirstAnswer> {
  const api = await startSlackApiStandIn();
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: benchAppEnv({ apiUrl: api.apiUrl, port, knowledgeDir, dataDir: dataDir }),
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let listeningMs = Number.NaN;
  const ask = async (question: string): Promise<{ body: string; ms: number }> => {
    const [request] = signedSlashRequests([question], TEST_SIGNING_SECRET, api.responseUrl("b"));
    const sent = performance.now();
    const body = await fetch(`http://127.0.0.1:${port}${request?.path}`, {
      method: "POST",
      headers: request?.headers as Record<string, string>,
      body: request?.body as string,
    }).then(
      (response) => {
        if (Number.isNaN(listeningMs)) listeningMs = performance.now() - started;
        return response.ok ? response.text() : "";
      },
      () => "",
    );
    return { body, ms: performance.now() - sent };
  };
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode})`);
      if (performance.now() - started > GIVE_UP_MS) throw new Error("no right answer in time");
      const first = await ask(QUESTION);
      if (RIGHT_ANSWER.test(first.body)) {
        const answerMs = performance.now() - started;
        const cpuMs = cpuOfTreeMs(child.pid as number);
        const next = await ask(NEXT_QUESTION);
        return { listeningMs, answerMs, cpuMs, firstRequestMs: first.ms, nextRequestMs: next.ms };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
    await api.close();
  }
}

const { label, knowledgeDir } = knowledgeFor(
  values.size === undefined ? undefined : Number(values.size),
);
const dataDir = join(outDir, `first-answer-${values.size ?? "seed"}`, "data");
mkdirSync(dataDir, { recursive: true });
console.log(`${label}: priming start (builds the persisted index if missing)…`);
await timeFirstAnswer(knowledgeDir, dataDir);
const times: number[] = [];
const cpuTimes: number[] = [];
for (let run = 0; run < runs; run++) {
  const load = loadavg()[0]?.toFixed(1);
  const timed = await timeFirstAnswer(knowledgeDir, dataDir);
  times.push(timed.answerMs);
  cpuTimes.push(timed.cpuMs);
  console.log(
    `run ${run + 1}: listening after ${timed.listeningMs.toFixed(0)} ms, right answer after ${timed.answerMs.toFixed(0)} ms, ` +
      `CPU ${timed.cpuMs.toFixed(0)} ms; that request ${timed.firstRequestMs.toFixed(1)} ms, the next question ${timed.nextRequestMs.toFixed(1)} ms (load ${load})`,
  );
}
const range = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(0)} ms (${sorted[0]?.toFixed(0)}–${sorted.at(-1)?.toFixed(0)})`;
};
console.log(
  `${label}: npm start → first right answer to /iranpak ${QUESTION}, ${runs} runs: ` +
    `wall ${range(times)}, CPU ${range(cpuTimes)}; load ${loadavg()[0]?.toFixed(1)} at the end`,
);
