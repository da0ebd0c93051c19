import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";

/**
 * Writes `lines` to `target` one at a time (waiting when the disk is behind, so a running bot
 * keeps answering), atomically: a temp file, then a rename, so a reader sees the old file or
 * the whole new one.
 */
export function writeLinesAtomically(target: string, lines: Iterable<string>): Promise<void> {
  return writeChunksAtomically(target, withNewlines(lines));
}

function* withNewlines(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}

/** `writeLinesAtomically` for chunks of text or bytes, written as they are. */
export async function writeChunksAtomically(
  target: string,
  chunks: Iterable<string | Uint8Array>,
): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  const out = createWriteStream(temp);
  try {
    for (const chunk of chunks) {
      if (!out.write(chunk)) await once(out, "drain");
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
