import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

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
      const child = spawn(TSX, [script, ...args], {
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
