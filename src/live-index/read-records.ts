import { isAscii } from "node:buffer";
import { type FileHandle, open } from "node:fs/promises";

/** Bytes read from the file at a time, at least. */
const READ_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/**
 * A file of lines and raw blocks of bytes between them, read a chunk at a time: no copy of the
 * whole file is ever held. The caller knows from each line whether raw bytes follow, and how
 * many; `close` must be called once done.
 *
 * Lines are read through one buffer and blocks into another, each reused: a start reads 70 MB
 * this way at 100,000 passages, and a fresh buffer a read left the allocator's heap in pieces
 * the process never gave back (measured: tens of megabytes more resident after the start).
 */
export interface RecordReader {
  /** The next line, without its newline; undefined at the end of the file. */
  line(): Promise<string | undefined>;
  /**
   * The next `count` bytes, fewer only at the end of the file (a file cut short). Valid until
   * the next call: the same buffer is filled again.
   */
  bytes(count: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openRecords(file: string): Promise<RecordReader> {
  const handle = await open(file, "r");
  let buffer = Buffer.allocUnsafe(READ_BYTES);
  /** The bytes read but not yet handed out: `buffer[start, end)`. */
  let start = 0;
  let end = 0;
  let block = Buffer.allocUnsafe(0);

  /** Reads more after what is pending (moved to the front, the buffer grown when full). */
  const more = async (): Promise<boolean> => {
    if (start > 0) {
      buffer.copy(buffer, 0, start, end);
      end -= start;
      start = 0;
    }
    if (end === buffer.length) {
      const grown = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(grown, 0, 0, end);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, end, buffer.length - end, null);
    end += bytesRead;
    return bytesRead > 0;
  };

  return {
    async line() {
      let searched = start;
      for (;;) {
        const at = buffer.indexOf(NEWLINE, searched);
        if (at !== -1 && at < end) {
          const line = decode(buffer.subarray(start, at));
          start = at + 1;
          return line;
        }
        searched = end - start;
        if (!(await more())) {
          if (start === end) return undefined;
          const last = decode(buffer.subarray(start, end));
          start = end;
          return last;
        }
        searched += start;
      }
    },

    async bytes(count) {
      if (block.length < count) block = Buffer.allocUnsafe(count);
      const buffered = Math.min(count, end - start);
      buffer.copy(block, 0, start, start + buffered);
      start += buffered;
      const filled = buffered + (await readInto(handle, block, buffered, count));
      return block.subarray(0, filled);
    },

    close: () => handle.close(),
  };
}

/** Fills `out` from `at` up to `count` bytes straight from the file; the bytes read. */
async function readInto(
  handle: FileHandle,
  out: Buffer,
  at: number,
  count: number,
): Promise<number> {
  let filled = 0;
  while (at + filled < count) {
    const { bytesRead } = await handle.read(out, at + filled, count - at - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

/**
 * Lines of plain ASCII (most of an English knowledge base) are decoded as Latin-1, several
 * times faster than UTF-8 and the same text.
 */
function decode(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}
