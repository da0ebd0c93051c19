import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";

/**
 * Writes `lines` to `target` one at a time (waiting when the disk is behind, so a running bot
 * keeps answering), atomically: a temp file, then a rename, so a reader sees the old file or
 * the whole new one.
 */
export async function writeLinesAtomically(target: string, lines: Iterable<string>): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  const out = createWriteStream(temp);
  try {
    for (const line of lines) {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
  await rename(temp, target);
}
