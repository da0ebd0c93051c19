import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import type { AddArticle, AddOutcome } from "../ingest/add-types.ts";
import { describeAddOutcome } from "../ingest/describe-outcome.ts";

export const ADD_USAGE = `usage:
  npm run add -- [--json] [--file urls.txt] <url> [<url>…]   add articles by their addresses`;

/** Pages fetched at once: enough to hide network waits, few enough to be polite to one site. */
export const DEFAULT_ADD_CONCURRENCY = 8;

export interface AddIo {
  output: Writable;
  /** Where the progress bar goes: drawn only when it is a terminal and there are many URLs. */
  progress: Writable & { isTTY?: boolean };
  error: Writable;
  now?: () => Date;
}

/**
 * `npm run add`: adds each URL (arguments, and `--file` with one per line, `#` comments) through
 * the one pipeline, several at a time; prints one line per URL in the order given (`--json`:
 * one JSON object per line, `{ url, ...outcome }`). Exit code 1 when any was refused.
 */
export async function runAdd(args: readonly string[], add: AddArticle, io: AddIo): Promise<number> {
  const parsed = await readArgs(args, io.error);
  if (parsed === undefined) return 2;
  const { urls, json } = parsed;
  const now = io.now ?? (() => new Date());
  const bar =
    io.progress.isTTY === true && urls.length > 1
      ? progressBar(io.progress, urls.length)
      : undefined;
  const outcomes: (AddOutcome | undefined)[] = new Array(urls.length);
  let next = 0;
  let printed = 0;
  let done = 0;
  const printReady = () => {
    while (printed < urls.length && outcomes[printed] !== undefined) {
      const url = urls[printed] ?? "";
      const outcome = outcomes[printed] as AddOutcome;
      bar?.clear();
      io.output.write(
        json
          ? `${JSON.stringify({ url, ...outcome })}\n`
          : `${url}: ${describeAddOutcome(outcome, now())}\n`,
      );
      printed += 1;
    }
    bar?.draw(done);
  };
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      outcomes[i] = await add({ url: urls[i] ?? "", origin: { kind: "hand", addedBy: "cli" } });
      done += 1;
      printReady();
    }
  };
  await Promise.all(Array.from({ length: Math.min(DEFAULT_ADD_CONCURRENCY, urls.length) }, worker));
  bar?.clear();
  return outcomes.some((o) => o?.kind === "refused") ? 1 : 0;
}

async function readArgs(
  args: readonly string[],
  error: Writable,
): Promise<{ urls: string[]; json: boolean } | undefined> {
  const urls: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--json") json = true;
    else if (arg === "--file") {
      const path = args[++i];
      if (path === undefined) {
        error.write(`--file needs a file of URLs\n${ADD_USAGE}\n`);
        return undefined;
      }
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (e) {
        error.write(`can't read ${path}: ${(e as Error).message}\n`);
        return undefined;
      }
      urls.push(
        ...text
          .split("\n")
          .map((line) => line.replace(/#.*$/, "").trim())
          .filter((line) => line !== ""),
      );
    } else if (arg.startsWith("--")) {
      error.write(`unknown option ${arg}\n${ADD_USAGE}\n`);
      return undefined;
    } else urls.push(arg);
  }
  if (urls.length === 0) {
    error.write(`${ADD_USAGE}\n`);
    return undefined;
  }
  return { urls, json };
}

const BAR_WIDTH = 30;

/** `[#######-------] 120/300` on one terminal line, redrawn in place. */
function progressBar(out: Writable, total: number) {
  return {
    draw(done: number) {
      const filled = Math.round((done / total) * BAR_WIDTH);
      out.write(`\r[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
    },
    clear() {
      out.write("\r\x1b[2K");
    },
  };
}
