import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { DigestState, DigestStore } from "../../digest/digest-store.ts";
import type { Logger } from "../../log/logger.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";

export const STATE_FILE = "digest-state.json";
export const CLAIMS_DIR = "digest-claims";

export const snapshotSchema = z.object({
  articleHashes: z.record(z.string(), z.string()),
  factIds: z.array(z.string()),
  conflictKeys: z.array(z.string()).optional(),
});

const stateSchema = z.object({
  version: z.literal(1),
  channels: z.record(
    z.string(),
    z.object({
      lastPostedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      postedAt: z.string(),
      ts: z.string().optional(),
      snapshot: snapshotSchema,
    }),
  ),
});

const DATE_DIR = /^\d{4}-\d{2}-\d{2}$/;

/** Channel ids are letters and digits; anything else must not become a path. */
function claimName(channel: string): string {
  return encodeURIComponent(channel);
}

/**
 * The digest's state under `dataDir`: `digest-state.json` plus `digest-claims/<date>/<channel>`,
 * a claim being a file created exclusively. Synchronous file calls behind an async interface:
 * they are small, and a read must not interleave with another's write.
 */
export function createDigestStore(options: {
  dataDir: string;
  logger: Logger;
  /** For naming a corrupt file moved aside. */
  now?: () => Date;
}): DigestStore {
  const { dataDir, logger } = options;
  const now = options.now ?? (() => new Date());
  const statePath = join(dataDir, STATE_FILE);
  const claimsDir = join(dataDir, CLAIMS_DIR);

  function read(): DigestState {
    let text: string;
    try {
      text = readFileSync(statePath, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { channels: {} };
      throw error;
    }
    let problem: string;
    try {
      const parsed = stateSchema.safeParse(JSON.parse(text));
      if (parsed.success) return { channels: parsed.data.channels };
      problem = parsed.error.issues
        .map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`)
        .join("; ");
    } catch (error) {
      problem = (error as Error).message;
    }
    const aside = `${statePath}.corrupt-${now().toISOString().replace(/[:.]/g, "-")}`;
    try {
      renameSync(statePath, aside);
    } catch (error) {
      // Another process sharing the folder moved it aside first.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { channels: {} };
      throw error;
    }
    // The claim files still stop a repeat post today; what is lost is "new since last digest".
    logger.warn(
      `${statePath}: digest state is unreadable (${problem}); moved it to ${aside} and starting afresh. Today's posts are still guarded by ${claimsDir}; the next digest in each channel lists the knowledge base as new.`,
    );
    return { channels: {} };
  }

  return {
    read: async () => read(),
    async recordPost(channel, record) {
      mkdirSync(dataDir, { recursive: true });
      const state = read();
      state.channels[channel] = record;
      writeFileAtomic(statePath, `${JSON.stringify({ version: 1, ...state }, null, 2)}\n`);
    },
    async claim(date, channel, claimOptions) {
      const dir = join(claimsDir, date);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, claimName(channel));
      let fd: number;
      try {
        fd = openSync(path, claimOptions?.force ? "w" : "wx", 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
        throw error;
      }
      try {
        writeSync(fd, `${JSON.stringify({ pid: process.pid, at: now().toISOString() })}\n`);
      } finally {
        closeSync(fd);
      }
      return { release: async () => rmSync(path, { force: true }) };
    },
    async pruneClaims(date) {
      let days: string[];
      try {
        days = readdirSync(claimsDir);
      } catch {
        return;
      }
      for (const day of days) {
        if (DATE_DIR.test(day) && day < date) {
          rmSync(join(claimsDir, day), { recursive: true, force: true });
        }
      }
    },
  };
}
