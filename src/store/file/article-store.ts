import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { readAddedFrom } from "../../ingest/article-file.ts";
import type {
  AddedFrom,
  ArticleChange,
  ArticleStore,
  NewArticle,
  StoredArticle,
} from "../../ingest/article-store.ts";
import { writeFileAtomic } from "../../util/atomic-write.ts";

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

interface Ledger {
  seq: number;
  articles: LedgerEntry[];
  /** Normalised addresses removed by editors. */
  tombstones: string[];
}

/**
 * The embedded article store: each article a Markdown file in `folder` (a subfolder of the
 * knowledge folder, so the watcher serves it and a person can read or edit it), and the
 * ledger (fingerprints, tombstones, sequence numbers) in DATA_DIR. Written file first, then
 * the ledger, each atomically; a ledger write that fails takes the file back out, so nothing
 * is half-added. Every call reads the ledger afresh: `npm run add` and the bot share it.
 */
export function openArticleFiles(options: { folder: string; dataDir: string }): ArticleStore {
  const { folder, dataDir } = options;
  const ledgerPath = join(dataDir, ARTICLE_LEDGER_FILE);
  const read = (): Ledger => {
    let text: string;
    try {
      text = readFileSync(ledgerPath, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return { seq: 0, articles: [], tombstones: [] };
      }
      throw error;
    }
    const ledger = JSON.parse(text) as Ledger;
    if (!Array.isArray(ledger.articles) || !Array.isArray(ledger.tombstones)) {
      // Read as empty, it would forget the tombstones: removed articles could come back.
      throw new Error(`${ledgerPath} is not a ledger of added articles`);
    }
    return ledger;
  };
  const write = (ledger: Ledger) => {
    mkdirSync(dataDir, { recursive: true });
    writeFileAtomic(ledgerPath, `${JSON.stringify(ledger)}\n`);
  };
  const live = (ledger: Ledger) => ledger.articles.filter((a) => !a.removed);
  const fileOf = (entry: LedgerEntry) => join(folder, entry.fileName);

  return {
    list: async () => live(read()).map((entry) => toStored(entry, fileOf(entry))),
    async add(article: NewArticle) {
      const ledger = read();
      if (live(ledger).some((a) => a.summary.id === article.summary.id)) return false;
      const path = join(folder, article.file.fileName);
      mkdirSync(folder, { recursive: true });
      writeFileAtomic(path, article.file.text, ARTICLE_FILE_MODE);
      const seq = ledger.seq + 1;
      const entry: LedgerEntry = {
        summary: article.summary,
        fingerprint: article.fingerprint,
        addedFrom: article.addedFrom,
        alsoPublishedBy: [],
        fileName: article.file.fileName,
        seq,
        removed: false,
      };
      try {
        write({
          ...ledger,
          seq,
          articles: [...ledger.articles.filter((a) => a.summary.id !== article.summary.id), entry],
        });
      } catch (error) {
        rmSync(path, { force: true });
        throw error;
      }
      return true;
    },
    async remove(idOrUrl) {
      const ledger = read();
      const entry = live(ledger).find((a) => a.summary.id === idOrUrl || a.summary.url === idOrUrl);
      if (entry === undefined) return undefined;
      const seq = ledger.seq + 1;
      entry.removed = true;
      entry.seq = seq;
      // The tombstone first: should removing the file fail, the article is still never re-added.
      write({
        ...ledger,
        seq,
        tombstones: [...new Set([...ledger.tombstones, entry.summary.url])],
      });
      const stored = toStored(entry, fileOf(entry));
      rmSync(fileOf(entry), { force: true });
      return stored;
    },
    isRemoved: async (url) => read().tombstones.includes(url),
    async recordAlsoPublishedBy(id, publisher) {
      const ledger = read();
      const entry = live(ledger).find((a) => a.summary.id === id);
      if (entry === undefined || entry.alsoPublishedBy.includes(publisher)) return;
      entry.alsoPublishedBy = [...entry.alsoPublishedBy, publisher];
      write(ledger);
    },
    async changesSince(after) {
      const changes: ArticleChange[] = [];
      const entries = read()
        .articles.filter((a) => a.seq > after && !(after === 0 && a.removed))
        .sort((a, b) => a.seq - b.seq);
      for (const entry of entries) {
        const { seq, fileName } = entry;
        const id = entry.summary.id;
        if (entry.removed) {
          changes.push({ seq, kind: "removed", id, fileName });
          continue;
        }
        let text: string;
        try {
          text = readFileSync(fileOf(entry), "utf8");
        } catch {
          continue; // deleted by hand: nothing to copy
        }
        changes.push({ seq, kind: "added", id, fileName, text });
      }
      return changes;
    },
  };
}

function toStored(entry: LedgerEntry, path: string): StoredArticle {
  return {
    summary: entry.summary,
    fingerprint: entry.fingerprint,
    addedFrom: entry.addedFrom ?? readLegacyAddedFrom(path),
    alsoPublishedBy: entry.alsoPublishedBy,
  };
}

function readLegacyAddedFrom(path: string): AddedFrom {
  try {
    return readAddedFrom(readFileSync(path, "utf8"));
  } catch {
    return { kind: "hand" }; // deleted by hand: nothing says otherwise
  }
}
