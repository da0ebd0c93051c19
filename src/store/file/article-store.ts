import { readFileSync, rmSync } from "node:fs";
import { mkdir, open, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { AddedArticleSummary } from "../../ingest/add-types.ts";
import type {
  AddedFrom,
  ArticleChange,
  ArticleStore,
  NewArticle,
  StoredArticle,
} from "../../ingest/article-store.ts";
import { createDuplicateIndex } from "../../ingest/duplicates.ts";
import { writeChunksAtomic } from "../../util/atomic-write.ts";
import { createGiveWay } from "../../util/cooperative.ts";
import { createOneAtATime } from "../../util/one-at-a-time.ts";

export const ARTICLE_LEDGER_FILE = "added-articles.json";
/** Knowledge files are read by people curating them: not only by the bot's user. */
const ARTICLE_FILE_MODE = 0o644;

interface LedgerEntry extends Omit<StoredArticle, "addedFrom"> {
  /** Absent in ledgers written before it was kept: read from the article's file then. */
  addedFrom?: AddedFrom;
  fileName: string;
  seq: number;
  removed: boolean;
}

/** The ledger's first line: every article and tombstone as of when the file was started. */
interface LedgerSnapshot {
  seq: number;
  articles: LedgerEntry[];
  /** Normalised addresses removed by editors. */
  tombstones: string[];
}

/** Each later line: one change, appended (a ledger of only a snapshot is the older format). */
type LedgerChange =
  | { add: LedgerEntry }
  | { remove: { id: string; seq: number; url: string } }
  | { also: { id: string; publisher: string } };

/** The file as last read: to tell whether another process has written it since. */
interface FileMark {
  size: number;
  mtimeMs: number;
  ino: number;
  endsWithNewline: boolean;
}

const EMPTY_SNAPSHOT: LedgerSnapshot = { seq: 0, articles: [], tombstones: [] };

/**
 * The embedded article store: each article a Markdown file in `folder` (a subfolder of the
 * knowledge folder, so the watcher serves it and a person can read or edit it), and the
 * ledger (fingerprints, tombstones, sequence numbers) in DATA_DIR: a snapshot line, then one
 * line appended per change. Written file first, then the ledger line; a ledger write that fails
 * takes the file back out, so nothing is half-added. The ledger is held in memory after the
 * first read, with its de-duplication index; `npm run add` and the bot share the file, so each
 * call first looks at its size and time, reads only what another process appended, and reads it
 * whole again only when it was replaced.
 */
export function openArticleFiles(options: { folder: string; dataDir: string }): ArticleStore {
  const { folder, dataDir } = options;
  const ledgerPath = join(dataDir, ARTICLE_LEDGER_FILE);
  const entries = new Map<string, LedgerEntry>();
  const tombstones = new Set<string>();
  const index = createDuplicateIndex<AddedArticleSummary>();
  let seq = 0;
  let mark: FileMark | undefined;

  const apply = (change: LedgerChange) => {
    if ("add" in change) {
      const entry = change.add;
      entries.delete(entry.summary.id); // re-added after a removal: last in order, as it was
      entries.set(entry.summary.id, entry);
      const { summary, fingerprint } = entry;
      index.set(summary.id, { url: summary.url, fingerprint }, summary);
      seq = Math.max(seq, entry.seq);
    } else if ("remove" in change) {
      const entry = entries.get(change.remove.id);
      if (entry !== undefined) {
        entry.removed = true;
        entry.seq = change.remove.seq;
      }
      index.delete(change.remove.id);
      tombstones.add(change.remove.url);
      seq = Math.max(seq, change.remove.seq);
    } else {
      const entry = entries.get(change.also.id);
      if (entry !== undefined && !entry.alsoPublishedBy.includes(change.also.publisher)) {
        entry.alsoPublishedBy = [...entry.alsoPublishedBy, change.also.publisher];
      }
    }
  };
  // A ledger of thousands of articles, read whole, is indexed a few milliseconds at a time.
  const applyLines = async (text: string, first: boolean) => {
    const giveWay = createGiveWay();
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    for (const [i, line] of lines.entries()) {
      if (first && i === 0) await applySnapshot(line, giveWay);
      else apply(parseLine(line) as LedgerChange);
      await giveWay();
    }
  };
  const applySnapshot = async (line: string, giveWay: () => Promise<void> | undefined) => {
    const snapshot = parseLine(line) as LedgerSnapshot;
    if (!Array.isArray(snapshot.articles) || !Array.isArray(snapshot.tombstones)) {
      // Read as empty, it would forget the tombstones: removed articles could come back.
      throw new Error(`${ledgerPath} is not a ledger of added articles`);
    }
    for (const entry of snapshot.articles) {
      if (entry.removed) entries.set(entry.summary.id, entry);
      else apply({ add: entry });
      await giveWay();
    }
    for (const url of snapshot.tombstones) tombstones.add(url);
    seq = Math.max(seq, snapshot.seq);
  };
  const parseLine = (line: string): unknown => {
    try {
      return JSON.parse(line);
    } catch (error) {
      throw new Error(`${ledgerPath} has a broken line: ${(error as Error).message}`);
    }
  };
  const forget = () => {
    for (const id of entries.keys()) index.delete(id);
    entries.clear();
    tombstones.clear();
    seq = 0;
  };

  /** Brings the memory in step with the file: nothing, its appended tail, or all of it. */
  const refresh = async () => {
    let now: Awaited<ReturnType<typeof stat>>;
    try {
      now = await stat(ledgerPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      if (mark !== undefined) forget();
      mark = undefined;
      return;
    }
    const same =
      mark !== undefined &&
      now.ino === mark.ino &&
      now.size === mark.size &&
      now.mtimeMs === mark.mtimeMs;
    if (same) return;
    const appended = mark !== undefined && now.ino === mark.ino && now.size > mark.size;
    if (appended && mark !== undefined) {
      const tail = await readRange(ledgerPath, mark.size, now.size);
      // Only whole lines: a line being appended right now is read next time.
      const end = tail.lastIndexOf("\n") + 1;
      await applyLines(tail.subarray(0, end).toString("utf8"), false);
      mark = { ...mark, size: mark.size + end, mtimeMs: now.mtimeMs };
      return;
    }
    const text = await readFile(ledgerPath, "utf8");
    forget();
    await applyLines(text, true);
    mark = {
      size: Buffer.byteLength(text),
      mtimeMs: now.mtimeMs,
      ino: now.ino,
      endsWithNewline: text.endsWith("\n"),
    };
  };

  /** Appends one change and reads it back in, with whatever another process appended first. */
  const record = async (change: LedgerChange) => {
    await mkdir(dataDir, { recursive: true });
    const start = mark === undefined ? `${JSON.stringify(EMPTY_SNAPSHOT)}\n` : "";
    const separator = mark !== undefined && !mark.endsWithNewline ? "\n" : "";
    const handle = await open(ledgerPath, "a", 0o600);
    try {
      await handle.appendFile(`${start}${separator}${JSON.stringify(change)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (mark !== undefined) mark.endsWithNewline = true;
    await refresh();
  };

  // One change at a time in this process: each is given the next seq after the last one read.
  const exclusively = createOneAtATime();
  const current = <T>(read: () => T | Promise<T>) =>
    exclusively(async () => {
      await refresh();
      return read();
    });
  const live = () => [...entries.values()].filter((a) => !a.removed);
  const fileOf = (entry: LedgerEntry) => join(folder, entry.fileName);

  return {
    list: () => current(() => Promise.all(live().map((entry) => toStored(entry, fileOf(entry))))),
    add: (article: NewArticle) =>
      exclusively(async () => {
        await refresh();
        if (entries.get(article.summary.id)?.removed === false) return false;
        const path = join(folder, article.file.fileName);
        await mkdir(folder, { recursive: true });
        await writeChunksAtomic(path, [article.file.text], ARTICLE_FILE_MODE);
        const entry: LedgerEntry = {
          summary: article.summary,
          fingerprint: article.fingerprint,
          addedFrom: article.addedFrom,
          alsoPublishedBy: [],
          fileName: article.file.fileName,
          seq: seq + 1,
          removed: false,
        };
        try {
          await record({ add: entry });
        } catch (error) {
          rmSync(path, { force: true });
          throw error;
        }
        return true;
      }),
    remove: (idOrUrl) =>
      exclusively(async () => {
        await refresh();
        const entry = live().find((a) => a.summary.id === idOrUrl || a.summary.url === idOrUrl);
        if (entry === undefined) return undefined;
        // The tombstone first: should removing the file fail, the article is still never re-added.
        await record({ remove: { id: entry.summary.id, seq: seq + 1, url: entry.summary.url } });
        const stored = await toStored(entry, fileOf(entry));
        rmSync(fileOf(entry), { force: true });
        return stored;
      }),
    findDuplicate: (query) => current(() => index.find(query)),
    isRemoved: (url) => current(() => tombstones.has(url)),
    recordAlsoPublishedBy: (id, publisher) =>
      exclusively(async () => {
        await refresh();
        const entry = entries.get(id);
        if (entry === undefined || entry.removed || entry.alsoPublishedBy.includes(publisher)) {
          return;
        }
        await record({ also: { id, publisher } });
      }),
    changesSince: (after) =>
      exclusively(async () => {
        await refresh();
        const changes: ArticleChange[] = [];
        const changed = [...entries.values()]
          .filter((a) => a.seq > after && !(after === 0 && a.removed))
          .sort((a, b) => a.seq - b.seq);
        for (const entry of changed) {
          const { seq: at, fileName } = entry;
          const id = entry.summary.id;
          if (entry.removed) {
            changes.push({ seq: at, kind: "removed", id, fileName });
            continue;
          }
          let text: string;
          try {
            text = await readFile(fileOf(entry), "utf8");
          } catch {
            continue; // deleted by hand: nothing to copy
          }
          changes.push({ seq: at, kind: "added", id, fileName, text });
        }
        return changes;
      }),
  };
}

async function readRange(path: string, from: number, to: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(to - from);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function toStored(entry: LedgerEntry, path: string): Promise<StoredArticle> {
  return {
    summary: entry.summary,
    fingerprint: entry.fingerprint,
    addedFrom: entry.addedFrom ?? (await readLegacyAddedFrom(path)),
    alsoPublishedBy: entry.alsoPublishedBy,
  };
}

async function readLegacyAddedFrom(path: string): Promise<AddedFrom> {
  // Loaded only for such a ledger: the article file's module brings the YAML parser.
  const { readAddedFrom } = await import("../../ingest/article-file.ts");
  try {
    return readAddedFrom(readFileSync(path, "utf8"));
  } catch {
    return { kind: "hand" }; // deleted by hand: nothing says otherwise
  }
}
