import { randomUUID } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A temporary file beside `path`, which a rename can move over it (same file system). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
}

/**
 * Replaces `path` with `content` so that a crash leaves either the old file or the new one,
 * never half of each (see `replaceFileAtomically`). Synchronous: for small state files whose
 * read and write must not interleave with another's.
 */
export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  const temp = tempPathFor(path);
  const fd = openSync(temp, "wx", mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  syncDir(dirname(path));
}

/**
 * Replaces `path` with the chunks, written one at a time (waiting for the disk, so a running bot
 * keeps answering): a temporary file in the same folder, flushed to disk, renamed over the
 * target (atomic within a file system), then the folder entry flushed. A reader sees the old
 * file or the whole new one; a crash leaves one or the other.
 */
export async function writeChunksAtomic(
  path: string,
  chunks: Iterable<string | Uint8Array>,
  mode = 0o600,
): Promise<void> {
  const temp = tempPathFor(path);
  const handle = await open(temp, "wx", mode);
  try {
    for (const chunk of chunks) await handle.writeFile(chunk);
    await handle.sync();
  } catch (error) {
    await handle.close();
    rmSync(temp, { force: true });
    throw error;
  }
  await handle.close();
  renameSync(temp, path);
  syncDir(dirname(path));
}

/** Flushes a folder's entries, so a rename in it survives a crash. */
export function syncDir(dir: string): void {
  // Not every platform can fsync a directory (Windows cannot); the rename has happened anyway.
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {}
}
