import { writeChunksAtomic } from "../util/atomic-write.ts";

/** Read by anyone, as files the bot writes by default are (the process's umask applies). */
const SHARED_FILE_MODE = 0o666;

/**
 * Writes `lines` to `target` one at a time (waiting when the disk is behind, so a running bot
 * keeps answering), atomically and durably (see `writeChunksAtomic`): a reader sees the old
 * file or the whole new one.
 */
export function writeLinesAtomically(target: string, lines: Iterable<string>): Promise<void> {
  return writeChunksAtomically(target, withNewlines(lines));
}

function* withNewlines(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}

/** `writeLinesAtomically` for chunks of text or bytes, written as they are. */
export function writeChunksAtomically(
  target: string,
  chunks: Iterable<string | Uint8Array>,
): Promise<void> {
  return writeChunksAtomic(target, chunks, SHARED_FILE_MODE);
}
