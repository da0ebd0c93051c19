import {
  appendFileSync,
  closeSync,
  createReadStream,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { open } from "node:fs/promises";

/** A file being written a piece at a time. */
export interface FileWriter {
  write(text: string): Promise<void>;
  /** Flushes to disk and closes. */
  close(): Promise<void>;
}

/**
 * Everything the question log does to the file system, behind one seam: tests put a failing
 * file system here (EROFS, ENOSPC) where the machine cannot make one for real.
 */
export interface LogFiles {
  /** The bytes of `path` from `start` up to `end` (exclusive), a large chunk at a time. */
  chunks(path: string, range?: { start?: number; end?: number }): AsyncIterable<Buffer>;
  size(path: string): number;
  /** The bytes of `path` from `start` to its end, read at once (a short tail). */
  tail(path: string, start: number): Buffer;
  append(path: string, text: string): void;
  /** Creates `path`, failing if it exists; readable by the owner only. */
  create(path: string): Promise<FileWriter>;
  appendSync(path: string, data: Buffer): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
  list(dir: string): string[];
  mkdir(dir: string): void;
  read(path: string): string;
  /** Writes a new file readable by the owner only, failing if it exists. */
  createSecret(path: string, text: string): void;
}

/** A chunk big enough to read 100 MB in a hundred steps, small enough to parse in slices. */
const CHUNK_BYTES = 1 << 20;

export const nodeLogFiles: LogFiles = {
  chunks(path, range = {}) {
    const { start, end } = range;
    if (end !== undefined && end <= (start ?? 0)) return (async function* () {})();
    return createReadStream(path, {
      highWaterMark: CHUNK_BYTES,
      ...(start === undefined ? {} : { start }),
      // createReadStream's end is inclusive.
      ...(end === undefined ? {} : { end: end - 1 }),
    });
  },
  size: (path) => statSync(path).size,
  tail(path, start) {
    const fd = openSync(path, "r");
    try {
      const length = Math.max(fstatSync(fd).size - start, 0);
      const buffer = Buffer.alloc(length);
      let read = 0;
      while (read < length) {
        const n = readSync(fd, buffer, read, length - read, start + read);
        if (n === 0) break;
        read += n;
      }
      return buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  },
  append: (path, text) => appendFileSync(path, text, { mode: 0o600 }),
  async create(path) {
    const handle = await open(path, "wx", 0o600);
    return {
      async write(text) {
        await handle.write(text);
      },
      async close() {
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      },
    };
  },
  appendSync: (path, data) => appendFileSync(path, data),
  rename: renameSync,
  remove: (path) => rmSync(path, { force: true }),
  list: (dir) => readdirSync(dir),
  mkdir: (dir) => mkdirSync(dir, { recursive: true }),
  read: (path) => readFileSync(path, "utf8"),
  createSecret: (path, text) => writeFileSync(path, text, { flag: "wx", mode: 0o600 }),
};
