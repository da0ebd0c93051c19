import type { AddedArticleSummary } from "../../ingest/add-types.ts";
import type {
  AddedFrom,
  ArticleChange,
  ArticleStore,
  StoredArticle,
} from "../../ingest/article-store.ts";
import { createDuplicateIndex } from "../../ingest/duplicates.ts";
import { createGiveWay } from "../../util/cooperative.ts";
import type { Pool, PoolClient } from "./pool.ts";

/** The channel replicas LISTEN on: each change is announced on it when it commits. */
export const ARTICLE_CHANNEL = "iranpak_articles";
/** Serialises article writers so that their seqs commit in order (see migration 3). */
const WRITE_LOCK = 1_920_019;

interface Row {
  summary: AddedArticleSummary;
  text_hash: string;
  minhash: string;
  added_from: AddedFrom;
  also_published_by: string[];
}

const STORED_COLUMNS = "summary, text_hash, minhash, added_from, also_published_by";

/**
 * Added articles in PostgreSQL, the source of truth with DATABASE_URL: each replica copies them
 * into its knowledge folder (article-copies.ts), woken by NOTIFY and catching up by seq.
 */
export function createPostgresArticleStore(pool: Pool): ArticleStore {
  const write = async <T>(change: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK]);
      const result = await change(client);
      await client.query(`NOTIFY ${ARTICLE_CHANNEL}`);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  // Other replicas add too: before each lookup the index catches up on the rows changed since
  // the last seq it saw (writers commit their seqs in order, see WRITE_LOCK), not on every row.
  const index = createDuplicateIndex<AddedArticleSummary>();
  let indexedSeq = 0;
  let caughtUp: Promise<void> = Promise.resolve();
  const catchUp = async () => {
    const result = await pool.query<Row & { seq: string; id: string; removed: boolean }>(
      `SELECT seq, id, removed, ${STORED_COLUMNS} FROM articles WHERE seq > $1 ORDER BY seq`,
      [indexedSeq],
    );
    const giveWay = createGiveWay();
    for (const row of result.rows) {
      await giveWay();
      if (row.removed) index.delete(row.id);
      else {
        const { summary, fingerprint } = toStored(row);
        index.set(row.id, { url: summary.url, fingerprint }, summary);
      }
      indexedSeq = Math.max(indexedSeq, Number(row.seq));
    }
  };
  return {
    async findDuplicate(query) {
      // One catch-up after another: one begun before a caller's own add might not see it.
      const turn = caughtUp.then(catchUp);
      caughtUp = turn.catch(() => {});
      await turn;
      return index.find(query);
    },
    async list() {
      const result = await pool.query<Row>(
        `SELECT ${STORED_COLUMNS} FROM articles WHERE NOT removed ORDER BY seq`,
      );
      return result.rows.map(toStored);
    },
    add: (article) =>
      write(async (client) => {
        const { summary, fingerprint, addedFrom, file } = article;
        const result = await client.query(
          `INSERT INTO articles (id, url, summary, text_hash, minhash, file_name, body, added_from)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO UPDATE SET url = $2, summary = $3, text_hash = $4, minhash = $5,
             file_name = $6, body = $7, added_from = $8, removed = false,
             also_published_by = '[]', seq = nextval('article_changes')
           WHERE articles.removed`,
          [
            summary.id,
            summary.url,
            JSON.stringify(summary),
            fingerprint.textHash,
            fingerprint.minHash,
            file.fileName,
            file.text,
            JSON.stringify(addedFrom),
          ],
        );
        return result.rowCount === 1;
      }),
    remove: (idOrUrl) =>
      write(async (client) => {
        const result = await client.query<Row & { url: string }>(
          `UPDATE articles SET removed = true, seq = nextval('article_changes')
           WHERE id = (SELECT id FROM articles WHERE NOT removed AND (id = $1 OR url = $1)
                       ORDER BY seq LIMIT 1)
           RETURNING url, ${STORED_COLUMNS}`,
          [idOrUrl],
        );
        const [row] = result.rows;
        if (row === undefined) return undefined;
        await client.query(
          "INSERT INTO article_tombstones (url) VALUES ($1) ON CONFLICT (url) DO NOTHING",
          [row.url],
        );
        return toStored(row);
      }),
    async isRemoved(url) {
      const result = await pool.query("SELECT 1 FROM article_tombstones WHERE url = $1", [url]);
      return (result.rowCount ?? 0) > 0;
    },
    async recordAlsoPublishedBy(id, publisher) {
      await pool.query(
        `UPDATE articles SET also_published_by = also_published_by || to_jsonb($2::text)
         WHERE id = $1 AND NOT removed AND NOT also_published_by ? $2`,
        [id, publisher],
      );
    },
    async changesSince(after) {
      const result = await pool.query<{
        seq: string;
        id: string;
        file_name: string;
        body: string;
        removed: boolean;
      }>(
        `SELECT seq, id, file_name, CASE WHEN removed THEN '' ELSE body END AS body, removed
         FROM articles WHERE seq > $1 AND NOT ($1 = 0 AND removed) ORDER BY seq`,
        [after],
      );
      return result.rows.map((r): ArticleChange => {
        const seq = Number(r.seq);
        return r.removed
          ? { seq, kind: "removed", id: r.id, fileName: r.file_name }
          : { seq, kind: "added", id: r.id, fileName: r.file_name, text: r.body };
      });
    },
  };
}

function toStored(row: Row): StoredArticle {
  return {
    summary: row.summary,
    fingerprint: { textHash: row.text_hash, minHash: row.minhash },
    addedFrom: row.added_from,
    alsoPublishedBy: row.also_published_by,
  };
}
