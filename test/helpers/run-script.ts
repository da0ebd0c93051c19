import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The repository: where entry points run from. */
export const ROOT = path.resolve(import.meta.dirname, "../..");
// Node with tsx's loader in the same process (not the tsx wrapper, which would stand between
// the test and the bot's signals and exit code).
const NODE_ARGS = ["--import", "tsx"];

/** A running entry point: its output so far, and a way to wait for a line of it. */
export interface RunningScript {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout and stderr together. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Starts an entry point that keeps running (the bot), with the clean environment plus `env`. */
export function startScript(script: string, env: Record<string, string>): RunningScript {
  return startCommand(process.execPath, [...NODE_ARGS, script], env);
}

/** Starts a command in the repository (`npm start`), with the clean environment plus `env`. */
export function startCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): RunningScript {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  let output = "";
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} in ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(match);
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

/**
 * Runs one of the project's entry points the way `npm run …` does, with standard input piped
 * in and a clean environment (no Slack credentials unless given): what a user at a shell sees.
 */
export async function runScript(
  script: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<ScriptResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "iranpak-data-"));
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...NODE_ARGS, script, ...args], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          DATA_DIR: dataDir,
          ...options.env,
        },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(options.input ?? "");
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Every process below `pid` that is still running (children, theirs, …), from `ps`. */
export function descendantsOf(pid: number): number[] {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid=,stat="], { encoding: "utf8" });
  const children = new Map<number, number[]>();
  for (const line of table.trim().split("\n")) {
    const [child, parent, stat] = line.trim().split(/\s+/);
    // A zombie has exited already; only its parent has yet to collect its status.
    if (stat?.startsWith("Z")) continue;
    const list = children.get(Number(parent)) ?? [];
    list.push(Number(child));
    children.set(Number(parent), list);
  }
  const found: number[] = [];
  const visit = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      visit(c);
    }
  };
  visit(pid);
  return found;
}

/** Whether process `pid` is still running (not merely a zombie waiting to be collected). */
export function isRunning(pid: number): boolean {
  try {
    const stat = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" });
    return !stat.trim().startsWith("Z");
  } catch {
    return false;
  }
}
