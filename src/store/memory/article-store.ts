import type { AddedArticleSummary } from "../../ingest/add-types.ts";
import type {
  ArticleChange,
  ArticleStore,
  NewArticle,
  StoredArticle,
} from "../../ingest/article-store.ts";
import { createDuplicateIndex } from "../../ingest/duplicates.ts";

interface Entry extends NewArticle {
  seq: number;
  alsoPublishedBy: string[];
  removed: boolean;
}

/** Added articles in this process's memory: for tests and tools that leave nothing behind. */
export function createMemoryArticleStore(): ArticleStore {
  const entries = new Map<string, Entry>();
  const tombstones = new Set<string>();
  const index = createDuplicateIndex<AddedArticleSummary>();
  let seq = 0;
  const find = (idOrUrl: string) =>
    [...entries.values()].find(
      (e) => !e.removed && (e.summary.id === idOrUrl || e.summary.url === idOrUrl),
    );
  return {
    list: async () => [...entries.values()].filter((e) => !e.removed).map(toStored),
    async add(article) {
      if (entries.get(article.summary.id)?.removed === false) return false;
      seq += 1;
      entries.set(article.summary.id, { ...article, seq, alsoPublishedBy: [], removed: false });
      const { summary, fingerprint } = article;
      index.set(summary.id, { url: summary.url, fingerprint }, summary);
      return true;
    },
    async remove(idOrUrl) {
      const entry = find(idOrUrl);
      if (entry === undefined) return undefined;
      seq += 1;
      entry.removed = true;
      entry.seq = seq;
      index.delete(entry.summary.id);
      tombstones.add(entry.summary.url);
      return toStored(entry);
    },
    findDuplicate: async (query) => index.find(query),
    isRemoved: async (url) => tombstones.has(url),
    async recordAlsoPublishedBy(id, publisher) {
      const entry = entries.get(id);
      if (entry !== undefined && !entry.alsoPublishedBy.includes(publisher)) {
        entry.alsoPublishedBy.push(publisher);
      }
    },
    changesSince: async (after) =>
      [...entries.values()]
        .filter((e) => e.seq > after && !(after === 0 && e.removed))
        .sort((a, b) => a.seq - b.seq)
        .map(toChange),
  };
}

function toStored(entry: Entry): StoredArticle {
  return {
    summary: entry.summary,
    fingerprint: entry.fingerprint,
    addedFrom: entry.addedFrom,
    alsoPublishedBy: [...entry.alsoPublishedBy],
  };
}

function toChange(entry: Entry): ArticleChange {
  const { seq, file } = entry;
  const id = entry.summary.id;
  return entry.removed
    ? { seq, kind: "removed", id, fileName: file.fileName }
    : { seq, kind: "added", id, fileName: file.fileName, text: file.text };
}
